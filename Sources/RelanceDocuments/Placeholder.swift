// Placeholder; replaced by the documents work.

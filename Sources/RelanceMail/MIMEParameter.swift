import Foundation

/// MIME header parameters: quoted strings and RFC 2231 extended values for file names.
enum MIMEParameter {
    /// `type/subtype` made of RFC 2045 token characters.
    static func isValidMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { isTokenByte($0) }
        }
    }

    /// A file name without control characters or path separators; `attachment` when blank.
    static func cleanFilename(_ name: String) -> String {
        let clean = HeaderEncoder.sanitize(name).replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "\\", with: "_")
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "attachment" : clean
    }

    /// An ASCII stand-in for old readers (`name=`): non-ASCII characters become `_`; a name too
    /// long for one header line becomes `attachment` plus its extension.
    static func asciiFallback(_ name: String) -> String {
        var ascii = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.isASCII ? $0 : "_" }))
        if ascii.utf8.count > 60 {
            let ext = ascii.split(separator: ".").last.map { "." + $0 } ?? ""
            ascii = "attachment" + (ext.utf8.count <= 10 ? ext : "")
        }
        return ascii
    }

    /// A quoted string with `"` and `\` escaped.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for c in value {
            if c == "\"" || c == "\\" { result.append("\\") }
            result.append(c)
        }
        return result + "\""
    }

    /// The `filename` parameter(s): `filename="…"` for short ASCII names, otherwise RFC 2231
    /// `filename*=UTF-8''…` (split into `filename*0*=`, `filename*1*=`… to keep lines short).
    static func filenameParameters(_ name: String) -> [String] {
        if name.unicodeScalars.allSatisfy({ $0.isASCII }), name.utf8.count <= 60 {
            return ["filename=" + quoted(name)]
        }
        var chunks: [String] = []
        var chunk = ""
        for scalar in name.unicodeScalars {
            let encoded = percentEncoded(scalar)
            if chunk.utf8.count + encoded.utf8.count > 54 {
                chunks.append(chunk)
                chunk = ""
            }
            chunk += encoded
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        if chunks.count == 1 { return ["filename*=UTF-8''" + chunks[0]] }
        return chunks.enumerated().map { index, value in
            "filename*\(index)*=" + (index == 0 ? "UTF-8''" : "") + value
        }
    }

    /// RFC 5987 `attr-char` kept, every other byte as `%XX`.
    private static func percentEncoded(_ scalar: Unicode.Scalar) -> String {
        let keep = Array("!#$&+-.^_`|~".utf8)
        var result = ""
        for byte in String(scalar).utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || keep.contains(byte)
            {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !Array("()<>@,;:\\\"/[]?=".utf8).contains(byte)
    }
}

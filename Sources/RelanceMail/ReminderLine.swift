import RelanceCore

/// One invoice in a reminder, with how late it is: the planner's line, as the templates see it.
public typealias ReminderLine = PlannedLine

import ArgumentParser
import Foundation
import RelanceDaemon

/// `relance`: gets unpaid invoices paid. One executable, one subcommand per task.
@main
struct Relance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relance",
        abstract: "Sends payment reminders for unpaid invoices and follows the dunning ladder.",
        discussion: """
            Exit codes: 0 success; 1 invalid input (config, ledger, arguments); 2 runtime failure (store, network).
            The config is --config PATH, else $RELANCE_CONFIG, else /etc/relance/relance.yaml.
            """,
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, PreviewCommand.self, StatusCommand.self, HistoryCommand.self,
            ResolveCommand.self, TasksCommand.self, TaskCommand.self, ApproveCommand.self, PromiseCommand.self,
            PlanCommand.self, DisputeCommand.self, PauseCommand.self, ResumeCommand.self, PayCommand.self, WriteOffCommand.self,
            ClaimCommand.self, ClaimFileCommand.self, VerifyJournalCommand.self,
        ])

    /// Unblocks the daemon's signals on the main thread before any other thread exists (threads inherit
    /// the mask), fixes how large blocks are mapped (`FreedMemory.configure`), then parses and runs the
    /// command.
    ///
    /// Usage errors exit 1 (the contract's "invalid input"), not argument-parser's 64.
    static func main() async {
        SignalMask.unblockDaemonSignals()
        FreedMemory.configure()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                reportUsageErrorAsJSON(message(for: error))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }

    /// An operator action run with `--json` reports a usage error as an error object on stdout too, so a
    /// script reading stdout always gets one JSON object.
    private static func reportUsageErrorAsJSON(_ message: String) {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.contains("--json"), let command = arguments.first(where: { !$0.hasPrefix("-") }),
            ActionOutput.commandNames.contains(command)
        else { return }
        try? Terminal.printJSON(ActionOutput.Failure(error: message, exit_code: 1, problems: nil))
    }
}

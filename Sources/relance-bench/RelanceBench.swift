import Foundation
import RelanceDaemon

/// `relance-bench`: the measuring tool behind `bench/run`. Each subcommand runs one of the daemon's own
/// code paths on a generated workload and prints one line of `key=value` figures on stdout.
///
///     relance-bench plan   --config C [--now ISO8601]
///     relance-bench import --config C --state DB [--ledger CSV] [--now ISO8601]
///     relance-bench compose --config C [--now ISO8601]
@main
struct RelanceBench {
    static func main() {
        FreedMemory.configure()  // as relance does at start-up
        var arguments = BenchArguments(CommandLine.arguments.dropFirst())
        do {
            switch arguments.command {
            case "plan": try PlanBenchmark(arguments: &arguments).run()
            case "import": try ImportBenchmark(arguments: &arguments).run()
            case "compose": try ComposeBenchmark(arguments: &arguments).run()
            default:
                FileHandle.standardError.write(Data("usage: relance-bench (plan|import|compose) --config PATH [options]\n".utf8))
                exit(64)
            }
        } catch {
            FileHandle.standardError.write(Data("relance-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}

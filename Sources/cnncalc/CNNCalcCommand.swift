import ArgumentParser
import CNNCalc


/// The `cnncalc` command: output shapes and parameter counts of every layer of a network, with the arithmetic.
@main
struct CNNCalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnncalc",
        abstract: "Output shapes and parameter counts of every layer of a neural network, with the arithmetic shown.",
        discussion: """
            With no arguments, cnncalc analyses a built-in example (the Lasagne MNIST network).
            Exit status: 0 on success, 1 for a network or file with a problem, 2 for wrong usage.
            """,
        version: "0.1.0",
        subcommands: [Analyze.self, ConvCommand.self, PoolCommand.self, DenseCommand.self, ZooCommand.self, DiffCommand.self, ServeCommand.self],
        defaultSubcommand: Analyze.self
    )

    /// Runs the command, mapping errors to the documented exit codes: 1 for input, 2 for usage.
    /// Files alone (``PlainInvocation``) are analysed without parsing.
    static func main() {
        do {
            if let request = PlainInvocation.request(Array(CommandLine.arguments.dropFirst())) {
                try request.validate()
                try request.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CNNCalcError {
            printError("error: \(error)")
            terminate(1)
        } catch let problems as AnalysisProblems {
            for error in problems.errors { printError(diagnostic(error)) }
            terminate(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                terminate(0)
            }
            printError(fullMessage(for: error))
            terminate(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// One problem of a network as an `error:` line: where, which layer, what arrives against
    /// what was declared or expected, and `fix:` the change that makes it fit.
    static func diagnostic(_ error: CNNCalcError) -> String {
        var line = "error: "
        if let location = error.location { line += "\(location): " }
        if let layer = error.layerName { line += "\(layer): " }
        line += error.problem
        if let fix = error.fix { line += "; fix: \(fix)" }
        return line
    }
}

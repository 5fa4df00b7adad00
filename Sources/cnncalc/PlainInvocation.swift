import ArgumentParser

/// `cnncalc`, `cnncalc FILE` and `cnncalc FILE FILE...`: the invocations with no option and no
/// subcommand, the most common by far, recognised without ArgumentParser.
///
/// ArgumentParser learns a command's options by reflecting on its type, and at every start that
/// costs more than reading and analysing a 100 MB ONNX model: a first lookup of each generic
/// property wrapper's metadata and of each protocol conformance, which scans every conformance in
/// the binary. Arguments that are all plain words (none starting with `-`, none a subcommand's name)
/// can only mean `cnncalc analyze` with those files and every default, so the request is made
/// directly; anything else goes to ArgumentParser, which parses it as always. The tests check that
/// ArgumentParser reads every argument list this accepts into the same request.
enum PlainInvocation {
    /// The request `arguments` (without the program's name) make, when they are all files;
    /// `nil` when they need ArgumentParser.
    static func request(_ arguments: [String]) -> AnalyzeRequest? {
        guard arguments.allSatisfy(isPlainFile) else { return nil }
        return AnalyzeRequest(files: arguments)
    }

    /// Whether ArgumentParser can read `argument` only as a file: not empty, not an option
    /// (`-`, standard input, included, which is read as the parser reads it), not a subcommand.
    private static func isPlainFile(_ argument: String) -> Bool {
        guard let first = argument.utf8.first, first != UInt8(ascii: "-") else { return false }
        return !commandWords.contains(argument)
    }

    /// The names and aliases of `cnncalc`'s subcommands, and `help`. (An array: a first `Set<String>`
    /// would cost a scan of every protocol conformance, more than all of this.)
    private static let commandWords: [String] = {
        var words = ["help"]
        for command in CNNCalcCommand.configuration.subcommands {
            if let name = command.configuration.commandName { words.append(name) }
            words += command.configuration.aliases
        }
        return words
    }()
}

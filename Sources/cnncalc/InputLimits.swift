import ArgumentParser

/// A number of bytes written with an optional unit: `1048576`, `512K`, `64M`, `2G` (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(argument.uppercased())
        // 64MB and 64MiB mean 64M.
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) {
            if let unit = digits.dropLast(suffix.count).last, units[unit] != nil {
                digits = digits.dropLast(suffix.count)
                break
            }
        }
        var multiplier = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number >= 1 else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        bytes = product
    }
}

/// `--max-file-size` and `--timeout`: the bounds on what one run reads and how long it takes.
struct InputLimits: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: ArgumentHelp(
        "The largest input file (or standard input) read, in bytes, or with a unit: 512K, 64M, 2G. Default: 2G for .onnx and .keras files, 64M for texts, which are read whole into memory (an .onnx file is mapped, and only its graph is decoded).",
        valueName: "size"))
    var maxFileSize: ByteCount?

    @Option(name: .long, help: ArgumentHelp(
        "Give up after this many seconds, with an error and exit status 1 (0: never).",
        valueName: "seconds"))
    var timeout = RunLimits.defaults.timeout

    /// The values given, or their defaults.
    var settings: RunLimits { RunLimits(maxFileSize: maxFileSize?.bytes, timeout: timeout) }

    func validate() throws {
        try settings.validate()
    }
}

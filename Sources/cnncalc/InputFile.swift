#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CNNCalc

/// Reads a network file as text, refusing what is not a readable UTF-8 text file: a directory, a
/// FIFO or a device (opened without blocking and refused by its type, so a FIFO with no writer and
/// `/dev/zero` end at once), and a file or standard input larger than the limit (read no further).
enum InputFile {
    /// The largest text file read by default, in bytes: far beyond any hand-written network. Texts are read whole.
    static let defaultTextLimit = 64 * 1024 * 1024

    /// The largest `.onnx` or `.keras` file read by default, in bytes: 2 GiB, the largest protobuf message, so the
    /// largest ONNX file that is not split into external data. These hold weights CNNCalc never reads.
    static let defaultModelLimit = 2 * 1024 * 1024 * 1024

    /// The limit `--max-file-size` gives every file, when given; set once, before any file is read.
    nonisolated(unsafe) static var limitOverride: Int?

    /// The largest file read at `path`, in bytes.
    static func limit(for path: String) -> Int {
        if let limitOverride { return limitOverride }
        let lowered = path.lowercased()
        return lowered.hasSuffix(".onnx") || lowered.hasSuffix(".keras") ? defaultModelLimit : defaultTextLimit
    }

    /// The text of `path`, or of standard input for `-`.
    static func text(at path: String) throws(CNNCalcError) -> String {
        try text(of: try bytes(at: path), path: path)
    }

    /// The bytes of `path`, or of standard input for `-`, refusing what is not a regular file and oversized files.
    static func bytes(at path: String) throws(CNNCalcError) -> [UInt8] {
        if path == "-" { return try readAll(0, path: path, limit: limit(for: path)) }
        let descriptor = try openRegularFile(path)
        defer { close(descriptor) }
        return try readAll(descriptor, path: path, limit: limit(for: path))
    }

    /// Checks that `path` is a regular file within the limit, for a reader that opens the file itself (ONNX maps it).
    static func checkModelFile(at path: String) throws(CNNCalcError) {
        close(try openRegularFile(path))
    }

    /// `bytes` as UTF-8 text, refusing binary files.
    static func text(of bytes: [UInt8], path: String) throws(CNNCalcError) -> String {
        if bytes.contains(0) {
            throw fileError(path, "is not a text file (it contains NUL bytes)", fix: "give a .cnn text file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fileError(path, "is not valid UTF-8 text", fix: "save the file as UTF-8")
        }
        return text
    }

    /// Opens `path` for reading without blocking (a FIFO with no writer would block), and refuses anything but a
    /// regular file no larger than the limit. The caller closes the descriptor.
    private static func openRegularFile(_ path: String) throws(CNNCalcError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw fileError(path, "does not exist", fix: "check the path") }
            throw fileError(path, "cannot be read (\(String(cString: strerror(errno))))", fix: "check the path and its permissions")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw fileError(path, "cannot be read (\(String(cString: strerror(errno))))", fix: "check the path")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            close(descriptor)
            throw fileError(path, "is a directory", fix: "give \(kindOfFile(path)) inside it")
        default:
            close(descriptor)
            throw fileError(path, "is not a regular file", fix: "give \(kindOfFile(path)), or '-' to read standard input")
        }
        let limit = limit(for: path)
        guard Int(status.st_size) <= limit else {
            close(descriptor)
            throw tooLarge(path, "is \(status.st_size) bytes, more than", limit: limit)
        }
        // Reads block again from here on: a regular file never waits.
        _ = fcntl(descriptor, F_SETFL, O_RDONLY)
        return descriptor
    }

    /// Everything `descriptor` holds, refusing more than `limit` bytes: a file that grows, or endless standard input.
    private static func readAll(_ descriptor: Int32, path: String, limit: Int) throws(CNNCalcError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                throw fileError(path, "cannot be read (\(String(cString: strerror(errno))))", fix: "check the path")
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else {
                throw tooLarge(path, "is more than", limit: limit)
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    private static func tooLarge(_ path: String, _ size: String, limit: Int) -> CNNCalcError {
        fileError(path, "\(size) the \(limit)-byte limit (--max-file-size)",
                  fix: "check that this is the network file you meant, or raise --max-file-size")
    }

    /// What a file at `path` should be, for a remedy: `an .onnx file` for `model.onnx`.
    private static func kindOfFile(_ path: String) -> String {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".onnx") { return "an .onnx file" }
        if lowered.hasSuffix(".keras") { return "a .keras file" }
        return "a .cnn file"
    }

    private static func fileError(_ path: String, _ problem: String, fix: String) -> CNNCalcError {
        CNNCalcError(.input, "\(path == "-" ? "standard input" : path) \(problem)", fix: fix)
    }
}

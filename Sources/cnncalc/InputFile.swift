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

/// Reads a network file as text, refusing what is not a readable UTF-8 text file.
enum InputFile {
    /// The largest file read, in bytes: far beyond any hand-written network.
    static let maximumBytes = 64 * 1024 * 1024

    /// The text of `path`, or of standard input for `-`.
    static func text(at path: String) throws(CNNCalcError) -> String {
        try text(of: try bytes(at: path), path: path)
    }

    /// The bytes of `path`, or of standard input for `-`, refusing directories and oversized files.
    static func bytes(at path: String) throws(CNNCalcError) -> [UInt8] {
        path == "-" ? try standardInput() : try contents(of: path)
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

    private static func contents(of path: String) throws(CNNCalcError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno == ENOENT ? "does not exist" : "cannot be read (\(String(cString: strerror(errno))))"
            throw fileError(path, reason, fix: "check the path")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            throw fileError(path, "is a directory", fix: "give a .cnn file inside it")
        default:
            throw fileError(path, "is not a regular file", fix: "give a .cnn text file, or '-' to read standard input")
        }
        guard Int(status.st_size) <= maximumBytes else {
            throw fileError(path, "is \(status.st_size) bytes, more than the \(maximumBytes)-byte limit for a network description",
                            fix: "check that this is the network file you meant")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fileError(path, "cannot be read", fix: "check its permissions")
        }
        return [UInt8](data)
    }

    private static func standardInput() throws(CNNCalcError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > maximumBytes {
                throw fileError("-", "is more than \(maximumBytes) bytes", fix: "check that this is a network description")
            }
        }
        return bytes
    }

    private static func fileError(_ path: String, _ problem: String, fix: String) -> CNNCalcError {
        CNNCalcError(.input, "\(path == "-" ? "standard input" : path) \(problem)", fix: fix)
    }
}

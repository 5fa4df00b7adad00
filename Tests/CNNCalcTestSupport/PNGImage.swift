import Foundation
import ZIPFoundation

/// A decoded PNG, as RGBA pixels, for tests that look at a screenshot.
///
/// Reads 8-bit greyscale, RGB, grey-alpha and RGBA images without interlacing (what Chromium writes).
/// The pixel data is zlib-compressed; ZIPFoundation's raw-deflate decoder inflates it once the
/// two-byte zlib header is skipped (the trailing Adler-32 is not checked).
public struct PNGImage: Sendable {
    /// A PNG this reader cannot decode.
    public struct DecodingError: Error, CustomStringConvertible {
        public var description: String
    }

    public let width: Int
    public let height: Int
    /// Four bytes per pixel, row by row.
    public let rgba: [UInt8]

    /// The red, green and blue of the pixel at (`x`, `y`).
    public func color(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 4
        return (rgba[offset], rgba[offset + 1], rgba[offset + 2])
    }

    /// How many pixels are within `tolerance` of the colour written `#rrggbb` on every channel.
    public func count(of hex: String, tolerance: Int = 2) -> Int {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        let (red, green, blue) = ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
        return rgba.withUnsafeBufferPointer { rgba in
            var count = 0
            for offset in Swift.stride(from: 0, to: rgba.count, by: 4)
            where abs(Int(rgba[offset]) - red) <= tolerance && abs(Int(rgba[offset + 1]) - green) <= tolerance
                && abs(Int(rgba[offset + 2]) - blue) <= tolerance {
                count += 1
            }
            return count
        }
    }

    /// How many distinct colours the image has (alpha ignored).
    public var distinctColorCount: Int {
        rgba.withUnsafeBufferPointer { rgba in
            var colors = Set<Int>()
            for offset in Swift.stride(from: 0, to: rgba.count, by: 4) {
                colors.insert(Int(rgba[offset]) << 16 | Int(rgba[offset + 1]) << 8 | Int(rgba[offset + 2]))
            }
            return colors.count
        }
    }

    /// Decodes `data`.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw DecodingError(description: "not a PNG file")
        }
        var offset = 8
        var header: [UInt8] = []
        var compressed = Data()
        func bigEndian(_ at: Int) -> Int {
            bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        while offset + 8 <= bytes.count {
            let length = bigEndian(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let start = offset + 8
            guard start + length + 4 <= bytes.count else { throw DecodingError(description: "truncated \(type) chunk") }
            switch type {
            case "IHDR": header = Array(bytes[start..<start + length])
            case "IDAT": compressed.append(contentsOf: bytes[start..<start + length])
            default: break
            }
            offset = start + length + 4
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw DecodingError(description: "no IHDR chunk") }
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let (bitDepth, colorType, interlace) = (header[8], header[9], header[12])
        let channels: Int
        switch colorType {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw DecodingError(description: "colour type \(colorType) is not supported")
        }
        guard bitDepth == 8, interlace == 0 else {
            throw DecodingError(description: "bit depth \(bitDepth) or interlacing \(interlace) is not supported")
        }
        guard compressed.count > 2 else { throw DecodingError(description: "no image data") }
        let deflated = compressed.dropFirst(2)  // the zlib header
        var inflated = Data()
        _ = try Data.decompress(
            size: Int64(deflated.count), bufferSize: 64 * 1024, skipCRC32: true,
            provider: { position, size in
                // The decoder asks again until the stream ends: a truncated stream must stop it.
                guard Int(position) < deflated.count else { throw DecodingError(description: "truncated image data") }
                let from = deflated.startIndex + Int(position)
                return Data(deflated[from..<min(from + size, deflated.endIndex)])
            },
            consumer: { inflated.append($0) })
        let stride = width * channels
        guard inflated.count >= height * (stride + 1) else {
            throw DecodingError(description: "\(inflated.count) bytes of pixel data for \(width)x\(height)")
        }
        let raw = [UInt8](inflated)
        var pixels = [UInt8](repeating: 0, count: height * stride)
        try raw.withUnsafeBufferPointer { raw in
            try pixels.withUnsafeMutableBufferPointer { pixels in
                for row in 0..<height {
                    let filter = raw[row * (stride + 1)]
                    guard filter <= 4 else { throw DecodingError(description: "filter type \(filter) in row \(row)") }
                    let source = row * (stride + 1) + 1
                    let target = row * stride
                    for index in 0..<stride {
                        let value = Int(raw[source + index])
                        let left = index >= channels ? Int(pixels[target + index - channels]) : 0
                        let up = row > 0 ? Int(pixels[target - stride + index]) : 0
                        let predictor: Int
                        switch filter {
                        case 0: predictor = 0
                        case 1: predictor = left
                        case 2: predictor = up
                        case 3: predictor = (left + up) / 2
                        default:
                            let upLeft = row > 0 && index >= channels ? Int(pixels[target - stride + index - channels]) : 0
                            let estimate = left + up - upLeft
                            let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                            predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : (toUp <= toUpLeft ? up : upLeft)
                        }
                        pixels[target + index] = UInt8(truncatingIfNeeded: value + predictor)
                    }
                }
            }
        }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        pixels.withUnsafeBufferPointer { pixels in
            rgba.withUnsafeMutableBufferPointer { rgba in
                for pixel in 0..<width * height {
                    let from = pixel * channels
                    let to = pixel * 4
                    if channels < 3 {
                        rgba[to] = pixels[from]
                        rgba[to + 1] = pixels[from]
                        rgba[to + 2] = pixels[from]
                        if channels == 2 { rgba[to + 3] = pixels[from + 1] }
                    } else {
                        rgba[to] = pixels[from]
                        rgba[to + 1] = pixels[from + 1]
                        rgba[to + 2] = pixels[from + 2]
                        if channels == 4 { rgba[to + 3] = pixels[from + 3] }
                    }
                }
            }
        }
        self.width = width
        self.height = height
        self.rgba = rgba
    }
}

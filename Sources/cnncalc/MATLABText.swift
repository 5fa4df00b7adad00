import CNNCalc

/// Tells MATLAB layer definitions from a `.cnn` text.
enum MATLABText {
    /// Whether `text`, read from `path` (`nil` for `-e`), is MATLAB: by the extension `.m`, else,
    /// unless the extension is `.cnn`, by its content (a call of a layer function, `layerGraph`
    /// or `dlnetwork`; see ``MATLABReader/looksLikeMATLAB(_:)``).
    static func isMATLAB(_ text: String, path: String?) -> Bool {
        NetworkSource.isMATLAB(text, name: path)
    }
}

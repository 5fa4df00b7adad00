import CNNCalcCore

extension NetworkReport {
    /// The report's layers grouped into the source framework's modules down to `depth`
    /// (see ``LayerGroup`` for the rule and an example).
    ///
    /// - Parameter depth: how many components of a layer's ``ModulePath`` name its group; 0 or more.
    /// - Returns: the groups in the order of their layers; every layer is in exactly one.
    public func groups(depth: Int) -> [LayerGroup] {
        precondition(depth >= 0, "a grouping depth is 0 or more")
        guard !layers.isEmpty else { return [] }
        if depth == 0 {
            return [LayerGroup(name: LayerGroup.wholeNetworkName, layerIndices: layers.indices, isModule: true, report: self)]
        }
        var groups: [LayerGroup] = []
        var current: (path: ModulePath, start: Int)?
        func close(at end: Int) {
            guard let open = current else { return }
            groups.append(LayerGroup(name: open.path.prefixName(depth), layerIndices: open.start..<end, isModule: true, report: self))
            current = nil
        }
        for (index, layer) in layers.enumerated() {
            let path = ModulePath(layerName: layer.name)
            guard path.components.count >= depth else {
                close(at: index)
                groups.append(LayerGroup(name: layer.name, layerIndices: index..<index + 1, isModule: false, report: self))
                continue
            }
            if let open = current, open.path.components.prefix(depth) == path.components.prefix(depth) { continue }
            close(at: index)
            current = (path, index)
        }
        close(at: layers.count)
        return groups
    }
}

import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `--format svg`: goldens, the SVG read back with an XML parser, and the layout's promises.
@Suite struct DiagramTests {
    static let torchvision: [String: NetworkReport] = {
        var reports: [String: NetworkReport] = [:]
        for name in ["resnet50", "googlenet", "densenet121", "mobilenet_v3_small"] {
            do {
                let url = Fixtures.directory.appendingPathComponent("torchvision/\(name).cnn")
                let network = try CNNTextReader.network(from: String(contentsOf: url, encoding: .utf8), source: "\(name).cnn")
                reports[name] = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(network)
            } catch {
                preconditionFailure("\(name).cnn does not analyse: \(error)")
            }
        }
        return reports
    }()

    static func report(_ name: String) -> NetworkReport {
        switch name {
        case "example": RenderingTests.example
        case "residual": RenderingTests.residual
        case "residual_bn": RenderingTests.residualONNX
        default: torchvision[name]!
        }
    }

    static let names = ["example", "residual", "residual_bn", "resnet50", "googlenet", "densenet121", "mobilenet_v3_small"]

    @Test(arguments: ["example", "residual"])
    func svgGolden(_ name: String) {
        expectGolden(SVGRenderer().render(Self.report(name)), named: "\(name).svg")
    }

    /// The SVG parses as XML and has one block per layer and one arrow per input connection.
    @Test(arguments: names)
    func svgReadsBackWithABlockPerLayerAndAnArrowPerConnection(_ name: String) throws {
        let report = Self.report(name)
        let text = SVGRenderer().render(report)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let svg = try XMLTree.parse(text)
        #expect(svg.name == "svg")
        #expect(svg.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.attributes["version"] == "1.1")
        let width = try #require(Int(svg.attributes["width"] ?? ""))
        let height = try #require(Int(svg.attributes["height"] ?? ""))
        #expect(svg.attributes["viewBox"] == "0 0 \(width) \(height)")
        let blocks = svg.elements(named: "g", className: "d-layer")
        #expect(blocks.count == report.layers.count)
        #expect(blocks.map { $0.attributes["id"] } == report.layers.indices.map { "layer-\($0)" })
        for (block, layer) in zip(blocks, report.layers) {
            #expect(block.elements(named: "rect").count == 1)
            #expect(block.elements(named: "title").first?.text.hasPrefix(layer.name + "\n") == true)
        }
        let edges = svg.elements(named: "path", className: "d-edge")
        #expect(edges.count == report.layers.map(\.inputNames.count).reduce(0, +))
        // No script, and no event handler attributes: the SVG is a picture.
        #expect(svg.elements(named: "script").isEmpty)
        #expect(svg.all.allSatisfy { element in !element.attributes.keys.contains { $0.lowercased().hasPrefix("on") } })
        // The legend has one entry per kind of layer drawn, in the colour of its blocks.
        let categories = Set(report.layers.map { LayerCategory($0.layer.kind) })
        let legend = svg.elements(named: "text", className: "d-legend").map(\.text)
        #expect(Set(legend) == Set(categories.map(\.title)))
        #expect(legend.count == categories.count)
        // Every block and every arrow lies inside the picture.
        for block in blocks {
            let rect = block.elements(named: "rect")[0]
            let (x, w) = (Int(rect.attributes["x"]!)!, Int(rect.attributes["width"]!)!)
            #expect(x >= 0 && x + w <= width)
        }
    }

    @Test(arguments: names)
    func blocksNeverOverlapAndArrowsPointDown(_ name: String) {
        let report = Self.report(name)
        let layout = DiagramLayout(report)
        let blocks = layout.blocks
        var cells = Set<[Int]>()
        for block in blocks {
            #expect(cells.insert([block.column, block.row]).inserted, "two blocks in column \(block.column), row \(block.row)")
        }
        for a in blocks {
            for b in blocks where b.index > a.index && a.row == b.row {
                #expect(a.x + a.width <= b.x || b.x + b.width <= a.x, "\(report.layers[a.index].name) overlaps \(report.layers[b.index].name)")
            }
        }
        for edge in layout.edges {
            #expect(blocks[edge.from].row < blocks[edge.to].row)
            #expect(blocks[edge.from].y + blocks[edge.from].height < blocks[edge.to].y)
            // A lane never runs through a block.
            if let lane = edge.lane {
                let rows = blocks[edge.from].row + 1..<blocks[edge.to].row
                #expect(!blocks.contains { $0.column == lane && rows.contains($0.row) }, "\(edge) runs through a block")
            }
        }
    }

    @Test func aResidualBlockIsTwoColumnsWithItsShortcutBeside() throws {
        let report = Self.report("resnet50")
        let layout = DiagramLayout(report)
        let index = { (name: String) in report.layers.firstIndex { $0.name == name }! }
        // The main path stays in one column; the downsampling shortcut opens the next one.
        #expect(layout.blocks[index("layer1_0_conv1")].column == 0)
        #expect(layout.blocks[index("layer1_0_bn3")].column == 0)
        #expect(layout.blocks[index("layer1_0_downsample_0")].column == 1)
        #expect(layout.blocks[index("add")].column == 0)
        // An identity shortcut runs down the lane beside the block it skips.
        let shortcut = try #require(layout.edges.first { $0.to == index("add_1") && $0.from == index("layer1_0_relu_2") })
        #expect(shortcut.lane == 1)
        #expect(Set(layout.blocks.map(\.column)) == [0, 1])
        // The four branches of an inception block stand side by side.
        let googlenet = Self.report("googlenet")
        let inception = DiagramLayout(googlenet)
        let columns = ["inception3a_branch1_conv", "inception3a_branch2_0_conv", "inception3a_branch3_0_conv", "inception3a_branch4_0"]
            .map { name in inception.blocks[googlenet.layers.firstIndex { $0.name == name }!].column }
        #expect(columns == [0, 1, 2, 3])
    }

    /// DenseNet's layers each read every earlier layer of their block: the skips run down narrow
    /// columns of lanes beside the one column of blocks.
    @Test func columnsOfLanesAreNarrow() {
        let layout = DiagramLayout(Self.report("densenet121"))
        let blockColumns = Set(layout.blocks.map(\.column))
        let laneColumns = Set(layout.edges.compactMap(\.lane)).subtracting(blockColumns)
        #expect(blockColumns == [0])
        #expect(laneColumns.count > 10)
        let widest = layout.blocks.map(\.width).max()!
        #expect(layout.width == widest + DiagramLayout.columnGap + DiagramLayout.laneWidth * laneColumns.count)
    }

    @Test func blockSizesGrowWithTheLogarithmOfTheShape() {
        let small = DiagramLayout.blockSize(for: .featureMap(spatial: [7, 7], channels: 64))
        let large = DiagramLayout.blockSize(for: .featureMap(spatial: [112, 112], channels: 64))
        let deep = DiagramLayout.blockSize(for: .featureMap(spatial: [7, 7], channels: 2048))
        let vector = DiagramLayout.blockSize(for: .vector(features: 10))
        #expect(large.width - small.width == 72)  // 256 times the positions: 8 doublings of 9 pixels
        #expect(small.height == large.height)
        #expect(deep.height - small.height == 13)  // 32 times the channels: 5 doublings of 2.5 pixels
        #expect(vector.width == 200 && vector.height == 60)
        let huge = DiagramLayout.blockSize(for: .featureMap(spatial: [1 << 20, 1 << 20], channels: 1 << 30))
        #expect(huge.width == 440 && huge.height == 96)
    }

    @Test func largeNetworksRenderQuickly() {
        let report = Self.report("densenet121")
        let start = Date()
        let svg = SVGRenderer().render(report)
        let elapsed = Date().timeIntervalSince(start)
        #expect(svg.count > 100_000)
        #expect(elapsed < 10, "rendering DenseNet-121 took \(elapsed) s")
    }

    /// Names from model files may hold anything: the SVG escapes them and stays well formed.
    @Test func namesAreEscaped() throws {
        let network = try Network {
            Input(height: 8, width: 8, channels: 1).named("in <&> \"quoted\" 'single'")
            Convolution(filters: 2, kernelSize: [3]).named("</text><script>alert(1)</script>\u{1}")
        }
        let report = try Analyzer().analyze(network)
        let svg = try XMLTree.parse(SVGRenderer().render(report))
        #expect(svg.elements(named: "script").isEmpty)
        let names = svg.elements(named: "text", className: "d-name").map(\.text)
        #expect(names[0] == "in <&> \"quoted\" 'single'")
        #expect(names[1].hasPrefix("</text><script>"))
        let title = svg.elements(named: "g", className: "d-layer")[1].elements(named: "title")[0].text
        #expect(title.hasPrefix("</text><script>alert(1)</script>\u{FFFD}\n"))
    }
}

extension DiagramTests {
    /// The picture the README shows is the built-in example's current diagram.
    @Test func theREADMEsDiagramIsCurrent() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Docs/example.svg")
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == SVGRenderer().render(RenderingTests.example), "regenerate it: swift run cnncalc --format svg > Docs/example.svg")
    }
}

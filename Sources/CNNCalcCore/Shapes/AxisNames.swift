/// Human names of spatial axes: length; height and width; depth, height and width.
public enum AxisNames {
    /// The name of spatial axis `axis` of a `rank`-axis map.
    public static func name(of axis: Int, rank: Int) -> String {
        switch (rank, axis) {
        case (1, _): "length"
        case (2, 0), (3, 1): "height"
        case (2, 1), (3, 2): "width"
        case (3, 0): "depth"
        default: "axis \(axis + 1)"
        }
    }

    /// What one step along the axis is called: a row for the height, a column for the width.
    public static func unit(of axis: Int, rank: Int, count: Int) -> String {
        let singular: String = switch name(of: axis, rank: rank) {
        case "height": "row"
        case "width": "column"
        case "depth": "slice"
        default: "position"
        }
        return count == 1 ? singular : singular + "s"
    }
}

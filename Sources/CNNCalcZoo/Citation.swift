/// Where a zoo model comes from in the literature: the paper (or question) that describes it.
public struct Citation: Hashable, Sendable {
    /// The authors as one cites them: `He et al.`, `Simonyan and Zisserman`.
    public var authors: String
    /// The year of publication.
    public var year: Int
    /// The title.
    public var title: String
    /// Where to find it: a venue and an arXiv number, a journal, or a web address.
    public var reference: String

    /// Creates a citation.
    public init(authors: String, year: Int, title: String, reference: String) {
        self.authors = authors
        self.year = year
        self.title = title
        self.reference = reference
    }

    /// `He et al., 2016`.
    public var short: String { "\(authors), \(year)" }

    /// `He et al., 2016, "Deep Residual Learning for Image Recognition", CVPR 2016, arXiv:1512.03385`.
    public var full: String { "\(authors), \(year), \"\(title)\", \(reference)" }
}

/// One card of a FITS header, after CFITSIO has parsed it.
///
/// Valued cards carry a `value`; commentary cards (COMMENT, HISTORY, blank keyword) carry their
/// text in `comment` and no value. HIERARCH keywords are stored without the `HIERARCH ` prefix,
/// and CONTINUE long strings are already joined into one `.string` value.
public struct HeaderCard: Sendable, Hashable {
    public var keyword: String
    public var value: HeaderValue?
    public var comment: String?

    public init(keyword: String, value: HeaderValue?, comment: String? = nil) {
        self.keyword = keyword
        self.value = value
        self.comment = comment
    }

    /// True for COMMENT, HISTORY and blank-keyword cards.
    public var isCommentary: Bool { value == nil }
}

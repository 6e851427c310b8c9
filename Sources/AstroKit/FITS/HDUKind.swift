/// What an HDU holds, as a reader presents it.
///
/// The raw values match the `kind` field of the corpus references (`references.json`).
public enum HDUKind: String, Sendable, Hashable, Codable, CaseIterable {
    case primary
    case image
    /// A tile-compressed image (a binary table underneath), presented as an image.
    case compressedImage = "compressed_image"
    case binaryTable = "bintable"
    /// An ASCII table.
    case asciiTable = "table"
    /// Random-groups data (old radio uv format): described, not decoded.
    case randomGroups = "random_groups"
    /// An extension type CFITSIO does not know; skipped over, never fatal.
    case unknown

    /// True for the kinds whose data are an n-dimensional pixel array.
    public var isImage: Bool {
        self == .primary || self == .image || self == .compressedImage
    }
}

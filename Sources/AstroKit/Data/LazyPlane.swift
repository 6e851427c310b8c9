import Synchronization

/// A pixel plane that is read from its file the first time it is needed, then kept.
///
/// Headers are available as soon as a dataset opens; pixels cost nothing until asked for.
final class LazyPlane<Element: Sendable>: Sendable {
    typealias Loader = @Sendable () throws -> PixelArray<Element>
    private let loader: Loader?
    private let storage: Mutex<PixelArray<Element>?>

    /// A plane to be read on first use.
    init(loader: @escaping Loader) {
        self.loader = loader
        self.storage = Mutex(nil)
    }

    /// A plane already in memory.
    init(_ pixels: PixelArray<Element>) {
        self.loader = nil
        self.storage = Mutex(pixels)
    }

    var isLoaded: Bool { storage.withLock { $0 != nil } }

    /// True for a plane read from its file (not made or changed in memory).
    var readsFromFile: Bool { loader != nil }

    /// The pixels, without keeping them when they were not in memory yet: for passes over
    /// whole streams (content checksums, checkpoint copies) that must not leave every frame of
    /// a large test resident (300 VIS frames would be 21 GB).
    func transientPixels() throws -> PixelArray<Element> {
        if let stored = storage.withLock({ $0 }) { return stored }
        guard let loader else { preconditionFailure("a LazyPlane without loader always holds pixels") }
        return try loader()
    }

    func pixels() throws -> PixelArray<Element> {
        try storage.withLock { stored in
            if let stored { return stored }
            guard let loader else { preconditionFailure("a LazyPlane without loader always holds pixels") }
            let loaded = try loader()
            stored = loaded
            return loaded
        }
    }
}

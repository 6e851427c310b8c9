import Foundation

extension AstroData {
    /// The file name without its `.fits` / `.fit` / `.fits.gz` ending ("flat1" for "flat1.fits").
    public var stem: String {
        var name = fileName ?? "dataset"
        for ending in [".gz", ".fz", ".fits", ".fit", ".fts"] where name.lowercased().hasSuffix(ending) {
            name = String(name.dropLast(ending.count))
        }
        return name
    }

    /// The same dataset under another name (the path its products will be written as).
    ///
    /// ```swift
    /// let renamed = frame.renamed("\(frame.stem)_flat.fits")
    /// ```
    public func renamed(_ path: String) -> AstroData {
        AstroData(path: path, hdus: hdus, primaryHeader: primaryHeader, extensions: extensions,
                  classification: classification, sliceIndex: sliceIndex, configuration: configuration)
    }

    /// Writes the dataset as a multi-extension FITS file: an empty primary HDU with the primary
    /// header, then SCI (and VAR, DQ when present) per extension, numbered by EXTVER.
    /// Atomic: a temporary file renamed into place.
    public func write(to path: String, overwrite: Bool = true) throws {
        let extensions = self.extensions
        var primary = primaryHeader
        // CFITSIO adds its two standard COMMENT cards to every primary HDU it creates; copying
        // the ones read from a file would duplicate them at every write.
        primary.cards.removeAll(where: Self.isStandardComment)
        try FITSWriter.write(to: path, overwrite: overwrite) { writer in
            try writer.addPrimary(header: primary)
            for (index, ext) in extensions.enumerated() {
                var header = ext.header
                header.remove("EXTVER")
                header.set("EXTVER", .integer(index + 1))
                try writer.addImage(try ext.transientScience(), header: header, extname: "SCI")
                var plane = FITSHeader()
                plane.set("EXTVER", .integer(index + 1))
                if let variance = try ext.transientVariance() { try writer.addImage(variance, header: plane, extname: "VAR") }
                if let quality = try ext.transientDataQuality() { try writer.addImage(quality, header: plane, extname: "DQ") }
            }
        }
    }

    /// SHA-256 of the dataset's content: header cards (without structural keywords, EXTNAME,
    /// EXTVER, checksums and HISTORY, which records provenance rather than content) and the
    /// SCI, VAR and DQ pixels. Unchanged by writing the dataset and reading it back.
    public func contentChecksum() throws -> String {
        var hash = SHA256()
        func add(_ header: FITSHeader) {
            for card in header.cards {
                let key = card.keyword.uppercased()
                if Self.isStandardComment(card) { continue }
                if key == "HISTORY" || key == "EXTNAME" || key == "EXTVER" || FITSWriter.reservedKeyword(key) { continue }
                hash.update("\(key)=\(card.value?.description ?? "")/\(card.comment ?? "")\n")
            }
        }
        add(primaryHeader)
        for ext in extensions {
            hash.update("SCI \(ext.shape)\n")
            add(ext.header)
            hash.update(values: try ext.transientScience().values)
            if let variance = try ext.transientVariance() { hash.update("VAR\n"); hash.update(values: variance.values) }
            if let quality = try ext.transientDataQuality() { hash.update("DQ\n"); hash.update(values: quality.values) }
        }
        return hash.hexDigest()
    }

    static func isStandardComment(_ card: HeaderCard) -> Bool {
        guard card.keyword.uppercased() == "COMMENT", let text = card.comment else { return false }
        return text.hasPrefix("  FITS (Flexible Image Transport System) format is defined in")
            || text.hasPrefix("  and Astrophysics', volume 376, page 359")
    }
}

import Foundation

extension AstroData {
    /// True when the dataset is exactly the file `AstroData.open` read: same headers, every
    /// plane still read from that file. Such a dataset needs no copy in a checkpoint: the file
    /// itself is the record, checked by its identity on resume.
    public var isUnmodifiedFile: Bool {
        guard let sourceFile, sourceFile == path, !isSingle, let primary = hdus.first,
              primary.header == primaryHeader else { return false }
        guard ScienceExtensionLayout.extensions(in: hdus, path: sourceFile).count == extensions.count else { return false }
        return extensions.allSatisfy { ext in
            guard let index = ext.hduIndex, index < hdus.count, hdus[index].header == ext.header,
                  ext.sciencePlane.readsFromFile else { return false }
            return (ext.variancePlane?.readsFromFile ?? true) && (ext.qualityPlane?.readsFromFile ?? true)
        }
    }

    /// For an unmodified file: "file:" and its absolute path, size and modification time, the
    /// identity the run key also uses. Reading and hashing every raw frame at every checkpoint
    /// cost a full-size BIAS01 half its run time; the identity costs one stat.
    public func fileIdentity() -> String? {
        guard isUnmodifiedFile, let path else { return nil }
        return FileIdentity.of(path)
    }

    /// The checksum recorded for the dataset in checkpoints and provenance: the file identity of
    /// an unmodified input file, else the SHA-256 of the content.
    public func recordChecksum() throws -> String {
        if let identity = fileIdentity() { return identity }
        return try contentChecksum()
    }
}

/// The identity of a file on disk: absolute path, size and modification time.
enum FileIdentity {
    static func of(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "file:\(URL(fileURLWithPath: path).standardizedFileURL.path)|\(size)|\(modified)"
    }
}

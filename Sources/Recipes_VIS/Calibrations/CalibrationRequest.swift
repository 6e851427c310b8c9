import AstroKit
import Config_VIS
import Foundation

/// Finds the processed calibration of one kind for every frame of the stream and records it
/// in ``VISRunState/calibrationFiles``, to be applied as the frames stream.
///
/// The files the user names win (one per CCD); one that does not match its frames by the
/// kind's rule is used anyway, with a warning that lists every failed criterion. Otherwise the
/// run's calibration database chooses per frame; a frame with no match stops the step when the
/// calibration is required, else is used without it, with a warning saying why (the near
/// misses), and the results say so.
struct CalibrationRequest {
    /// Rule kind: "processed_bias", "defect_mask", "processed_flat".
    let kind: String
    /// The primitive asking, for messages.
    let step: String
    let userFiles: [String]
    let required: Bool

    func resolve(_ context: ReductionContext, state: inout VISRunState) throws {
        let datasets = try context.stream()
        let frames = try datasets.map { try VISFrame($0) }
        guard !frames.isEmpty else { throw VISStepError("\(step): the stream holds no frame") }
        var files: [String: String] = [:]
        var sources: [String: Set<String>] = [:]
        let given = try userFilesByCCD()
        var warned = Set<Int>()
        for (dataset, frame) in zip(datasets, frames) {
            let ccd = "CCD\(frame.ccd)"
            if !given.isEmpty {
                guard let path = given[frame.ccd] else {
                    throw VISStepError("\(step): no \(kind) file was given for \(ccd) (\(frame.fileName)); files given: \(userFiles.joined(separator: ", "))")
                }
                files[frame.fileName] = path
                if warned.insert(frame.ccd).inserted {
                    let problems = (try? context.calibrations?.mismatches(kind, file: path, for: dataset)) ?? nil
                    if let problems, !problems.isEmpty {
                        context.log.warning("\(step): the \(kind) \(path) given for \(ccd) does not match \(frame.fileName): \(problems.joined(separator: "; ")); it is used as given")
                        sources[ccd, default: []].insert("user file \(path) (does not match: \(problems.joined(separator: "; ")))")
                    } else {
                        sources[ccd, default: []].insert("user file \(path)")
                    }
                }
                continue
            }
            if let found = try context.calibration(kind, for: dataset), let path = found.path {
                files[frame.fileName] = path
                sources[ccd, default: []].insert("calibration database: \(path)")
            } else {
                let why = context.calibrations?.explainMiss(kind, for: dataset)
                    ?? "no \(kind) for \(frame.fileName): the run has no calibration database"
                if required { throw VISStepError("\(step): \(why)") }
                // One reason per CCD (its first frame's): the near misses are the same products.
                if warned.insert(frame.ccd).inserted {
                    context.log.warning("\(step): \(why); \(ccd) is reduced without a \(kind)")
                    sources[ccd, default: []].insert("none: \(why)")
                }
            }
        }
        state.calibrationFiles[kind] = files.isEmpty ? nil : files
        state.calibrationSources[kind] = sources.mapValues { $0.sorted().joined(separator: " | ") }
        for (ccd, text) in state.calibrationSources[kind]!.sorted(by: { $0.key < $1.key }) {
            context.log.info("\(step): \(ccd) \(kind) from \(text)")
        }
    }

    /// The user's files by the CCD their `ccd` descriptor names.
    private func userFilesByCCD() throws -> [Int: String] {
        var byCCD: [Int: String] = [:]
        for file in userFiles {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw VISStepError("\(step): the \(kind) file \(file) does not exist")
            }
            let dataset: AstroData
            do { dataset = try AstroData.open(path) } catch {
                throw VISStepError("\(step): the \(kind) file \(file) cannot be read (\(error))")
            }
            guard let ccd = dataset.descriptor("ccd").values.first?.value.intValue else {
                throw VISStepError("\(step): the \(kind) file \(file) does not say which CCD it is for (no CCD keyword)")
            }
            if let other = byCCD[ccd] {
                throw VISStepError("\(step): two \(kind) files for CCD\(ccd): \(other) and \(file)")
            }
            byCCD[ccd] = path
        }
        return byCCD
    }
}

import AstroKit
import Foundation

/// Process-wide choices of the VIS configuration that no single file holds: where the
/// exposure logs are, which chamber profile maps filter positions to wavelengths, which block
/// the CCDs belong to, and the measured gains.
///
/// Each falls back to an environment variable, then to a documented default:
/// - exposure logs: `ASTROKIT_EXPLOG` (paths separated by `:`), else the logs beside each file;
/// - chamber: `ASTROKIT_CHAMBER`, else `CHAMBER_B_EINSTEIN` (every chamber profile shares its
///   filter wheel F1–F6 = 590, 2000, 730, 800, 880, 0);
/// - block: the frame's BLOCKID keyword or log column, else `ASTROKIT_BLOCKID`, else UNKNOWN
///   (2800 ADU offsets, as vison does).
public struct VISSettings: Sendable {
    public static let chamberVariable = "ASTROKIT_CHAMBER"
    public static let blockVariable = "ASTROKIT_BLOCKID"
    public static let defaultChamber = "CHAMBER_B_EINSTEIN"

    public let exposureLogs: ExposureLogLocator
    /// HK files are always the ones beside the data (`HK_<ObsID>_*_ROE1.txt`).
    public let housekeeping = HousekeepingLocator()
    public let chamber: String
    /// Whether ``chamber`` was chosen by the caller or the environment (for source texts).
    public let chamberIsDefault: Bool
    public let blockID: String?
    public let gainTable: GainTable?
    /// The calibration database gain and read noise are looked up in (given, else the file named
    /// by `ASTROKIT_CALDB` when it exists), or why it could not be opened.
    public let calibrations: Result<CalibrationDatabase, CalibrationDatabaseError>?

    public init(exposureLogs: [URL]? = nil, chamber: String? = nil, blockID: String? = nil, gainTable: GainTable? = nil,
                calibrations: CalibrationDatabase? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.exposureLogs = ExposureLogLocator(explicitLogs: exposureLogs, environment: environment)
        let chosen = chamber ?? environment[Self.chamberVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.chamber = chosen ?? Self.defaultChamber
        self.chamberIsDefault = chosen == nil
        self.blockID = blockID ?? environment[Self.blockVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.gainTable = gainTable
        if let calibrations {
            self.calibrations = .success(calibrations)
        } else if let path = environment[CalibrationDatabaseLocation.variable], !path.isEmpty,
                  FileManager.default.fileExists(atPath: path) {
            do { self.calibrations = .success(try CalibrationDatabase(path: path)) } catch let error as CalibrationDatabaseError {
                self.calibrations = .failure(error)
            } catch {
                self.calibrations = .failure(.cannotOpen(path: path, reason: String(describing: error)))
            }
        } else {
            self.calibrations = nil
        }
    }
}

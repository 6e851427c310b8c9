import Config_VIS
import Foundation

/// One cosmic-ray track, in canonical quadrant image coordinates. Listed in the truth per
/// frame but never part of the defect masks: a mask built from several frames must reject them.
public struct CosmicHit: Sendable, Codable, Equatable {
    public var quadrant: Quadrant
    /// Start pixel (canonical image column and row).
    public var column: Int
    public var row: Int
    /// Direction in the image plane, radians from the +column axis.
    public var angle: Double
    /// Projected length, pixels.
    public var length: Double
    /// Total electrons deposited (those falling outside the image area are lost).
    public var electrons: Double
}

/// Muon-like tracks through the 40 µm of silicon: a straight segment whose projected length
/// follows from a zenith angle, depositing 80 e⁻ per µm of path (a minimum-ionising particle).
enum CosmicRays {
    static let thickness = 40.0      // µm
    static let pitch = 12.0          // µm
    static let electronsPerMicron = 80.0

    static func draw(model: CosmicRayModel, exposureTime: Double, columns: Int, rows: Int,
                     rng: inout Xoshiro256) -> [CosmicHit] {
        let area = 4 * Double(columns * rows) * model.pixelSize * model.pixelSize
        let count = Int(rng.poisson(model.rate * area * exposureTime).rounded())
        return (0..<count).map { _ in
            let quadrant = Quadrant.allCases[rng.index(below: 4)]
            // cos²-like zenith distribution of ground muons, capped at 75° to keep tracks short.
            let zenith = Foundation.acos(rng.uniform(in: 0.26...1.0).squareRoot())
            let length = thickness * Foundation.tan(zenith) / pitch
            let path = (thickness * thickness + (length * pitch) * (length * pitch)).squareRoot()
            return CosmicHit(quadrant: quadrant, column: rng.index(below: columns), row: rng.index(below: rows),
                             angle: rng.uniform(in: 0...(2 * Double.pi)), length: max(length, 0.01),
                             electrons: electronsPerMicron * path)
        }
    }
}

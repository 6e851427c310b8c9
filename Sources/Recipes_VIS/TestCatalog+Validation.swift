import Config_VIS
import Foundation

extension TestCatalog {
    /// Selects a test's rows in a log (by the name its rows carry and an optional ObsID range)
    /// and validates them against the test's definition in this catalog's chamber.
    ///
    /// Rows are not filtered by filter position even for colour-aware tests, unlike vison's
    /// selection: a frame taken through the wrong filter is then reported as such
    /// ("col005: wave is 3 (730 nm), expected 4 (800 nm)") instead of as a missing frame.
    ///
    /// ```swift
    /// let log = try ExposureLog.read(try ExposureLog.discover(near: folder))
    /// let result = try catalog.validate(log, test: "PTC01", obsids: 1000...1091)
    /// if !result.consistent { flags.insert(.missingData); report.add(result.messages) }
    /// ```
    public func validate(_ log: ExposureLog, test: String, obsids: ClosedRange<Int>? = nil,
                         ccds: [Int]? = nil) throws(TestCatalogError) -> StructureValidation {
        let definition = try definition(test)
        let rows = StructureValidator.select(log.rows, test: definition.loggedTestName, obsids: obsids)
        return StructureValidator(definition: definition, chamber: chamber).validate(rows, ccds: ccds)
    }
}

@testable import AstroKit
import Testing

@Suite("Recipe language")
struct RecipeParserTests {
    @Test("steps, arguments and values keep their file:line:column")
    func parsesSteps() throws {
        let text = """
            # Make a flat.
            # types: CAM_FLAT, CAM_BIAS
            # default: true

            prepare   # a comment
              stack(operation=median, weights=[1, 2.5, -3e2], note="a \\"b\\" # c", keep=true, mode=fast)
            """
        let recipe = try RecipeParser.parse(text, name: "makeFlat", file: "r/makeFlat.recipe")
        #expect(recipe.summary == "Make a flat.")
        #expect(recipe.declaredTypes == ["CAM_FLAT", "CAM_BIAS"])
        #expect(recipe.isDefault)
        #expect(recipe.steps.map(\.name) == ["prepare", "stack"])
        #expect(recipe.steps[0].location.description == "r/makeFlat.recipe:5:1")
        let stack = recipe.steps[1]
        #expect(stack.location.description == "r/makeFlat.recipe:6:3")
        #expect(stack.arguments.map(\.name) == ["operation", "weights", "note", "keep", "mode"])
        #expect(stack.arguments.map(\.value) == [.identifier("median"), .list([.integer(1), .real(2.5), .real(-300)]),
                                                 .string("a \"b\" # c"), .boolean(true), .identifier("fast")])
        #expect(stack.arguments[1].location.column == 27)
        #expect(stack.arguments[1].valueLocation.column == 35)
    }

    @Test("values on their own, as -p gives them", arguments: [
        ("42", RecipeValue.integer(42)), ("-1.5", .real(-1.5)), ("'x y'", .string("x y")),
        ("false", .boolean(false)), ("[a, \"b\", [1]]", .list([.identifier("a"), .string("b"), .list([.integer(1)])])),
        ("[]", .list([])),
    ])
    func values(text: String, expected: RecipeValue) throws {
        #expect(try RecipeParser.value(text) == expected)
    }

    @Test("command-line text that is not a value is a string")
    func bareText() throws {
        #expect(try RecipeParser.value("data/bpm.fits", bareText: true) == .string("data/bpm.fits"))
        #expect(throws: RecipeSyntaxError.self) { try RecipeParser.value("[1, 2", bareText: true) }
    }

    @Test("syntax errors give the position and say what is wrong", arguments: [
        ("subtractScalar(value=)", 22, "expected a value (number, \"string\", true/false, name or [list]), found ')'"),
        ("scale(factor=2", 15, "missing ')' at the end of the step"),
        ("scale factor=2", 7, "unexpected text after the step; write one step per line"),
        ("stack(name=\"abc)", 12, "unterminated string: add the closing \""),
        ("a(x=1, x=2)", 8, "argument 'x' is given twice (first at column 3)"),
        ("a(x=[1, 2", 5, "unterminated list: add the closing ]"),
        ("a(x=[1, 2)", 10, "expected ',' or ']' in the list"),
        ("a(x=[1, 2 3])", 11, "expected ',' or ']' in the list"),
        ("a(x=1.2.3)", 5, "'1.2.3' is not a number"),
        ("a(3=x)", 3, "expected an argument name, found '3'"),
        ("a(x 3)", 5, "expected '=' after argument 'x'"),
        ("(x=3)", 1, "expected a step name, found '('"),
    ])
    func syntaxErrors(line: String, column: Int, message: String) {
        do {
            _ = try RecipeParser.parse("# summary\n" + line, name: "t", file: "t.recipe")
            Issue.record("no error for \(line)")
        } catch {
            #expect(error.location == SourceLocation(file: "t.recipe", line: 2, column: column))
            #expect(error.message == message)
            #expect(error.lineText == line)
        }
    }

    @Test("an error prints the line with a caret under the column")
    func rendering() {
        do {
            _ = try RecipeParser.parse("scale(factor=2", name: "t", file: "t.recipe")
        } catch {
            #expect(error.description == "t.recipe:1:15: missing ')' at the end of the step\n    scale(factor=2\n                  ^")
        }
    }

    @Test("a bad default directive is an error")
    func badDefault() {
        #expect(throws: RecipeSyntaxError(location: SourceLocation(file: "t.recipe", line: 1, column: 12),
                                          message: "'# default:' takes true or false, not 'maybe'",
                                          lineText: "# default: maybe")) {
            try RecipeParser.parse("# default: maybe\nscale", name: "t", file: "t.recipe")
        }
    }
}

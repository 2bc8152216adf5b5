import Foundation
import Testing

/// docs/DESIGN-NOTES.md's module map is a promise about Package.swift: every source target is in the
/// table, with the dependencies Package.swift declares, and the table names no target that is gone.
struct ModuleMapTests {
    /// `(name, dependencies)` of every non-test target in Package.swift, by reading its text.
    static func targets() throws -> [(name: String, dependencies: Set<String>)] {
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.(target|executableTarget|systemLibrary)\(\s*name: "([^"]+)""#)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return matches.map { match in
            let name = String(text[Range(match.range(at: 2), in: text)!])
            let rest = text[Range(match.range, in: text)!.upperBound...]
            let end =
                [rest.range(of: "swiftSettings")?.lowerBound, rest.range(of: "providers")?.lowerBound].compactMap { $0 }.min()
                ?? rest.endIndex
            let declared = String(rest[..<end])
            func captures(_ pattern: String) -> [String] {
                let expression = try! NSRegularExpression(pattern: pattern)
                return expression.matches(in: declared, range: NSRange(declared.startIndex..., in: declared)).map {
                    String(declared[Range($0.range(at: 1), in: declared)!])
                }
            }
            return (name, Set(captures(#"[\[,]\s*"([A-Za-z]+)""#) + captures(#"\.product\(name: "([A-Za-z]+)""#)))
        }
    }

    /// `module → dependencies column` of the table in docs/DESIGN-NOTES.md.
    static func table() throws -> [String: String] {
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("docs/DESIGN-NOTES.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[2]
        }
        return rows
    }

    @Test func everyTargetIsInTheModuleMapAndNothingElse() throws {
        let targets = try Self.targets()
        let table = try Self.table()
        #expect(targets.count >= 16)
        #expect(Set(table.keys) == Set(targets.map(\.name)))
    }

    /// Both directions, for every target (`TapeDeckCLI` too): the table's dependency column names each
    /// TapeDeck module the target depends on, and nothing the target does not declare (products of other
    /// packages are named where they matter, not all of them, but never one that is not declared).
    @Test func theModuleMapNamesEachTargetsModuleDependencies() throws {
        let targets = try Self.targets()
        let modules = Set(targets.map(\.name))
        let table = try Self.table()
        for target in targets {
            let column = table[target.name] ?? ""
            let named = Set(column.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "—" && !$0.isEmpty })
            for dependency in target.dependencies.intersection(modules).sorted() {
                #expect(named.contains(dependency), "\(target.name) depends on \(dependency), but its row says: \(column)")
            }
            for entry in named.sorted() {
                #expect(target.dependencies.contains(entry), "\(target.name)'s row names \(entry), which Package.swift does not declare for it")
            }
        }
    }
}

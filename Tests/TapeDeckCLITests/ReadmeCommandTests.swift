import Foundation
import Testing

/// Every command the README shows works, and the README opens with the two a newcomer needs.
struct ReadmeCommandTests {
    @Test func readmeStartsWithRunAndTestCommands() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("```") && !$0.isEmpty }
        #expect(commands.first?.hasPrefix("swift run tapedeck backtest") == true)
        #expect(commands.dropFirst().first?.hasPrefix("swift test") == true)
    }

    @Test(arguments: try CommandRunner.readmeCommands())
    func readmeCommandWorks(_ command: CommandRunner.ReadmeCommand) async throws {
        let result = try await CommandRunner.run(command.arguments)
        #expect(result.status == command.expectedStatus, "tapedeck \(command.testDescription): \(result.stderr)")
        #expect(!result.stdout.isEmpty)
    }

    @Test func readmeHasCommandsToCheck() throws {
        #expect(try CommandRunner.readmeCommands().count >= 3)
    }

    @Test func versionPrintsTheVersion() async throws {
        let result = try await CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }
}

/// `tapedeck calendar` against dates looked up on the NYSE's published calendar.
struct CalendarCommandTests {
    @Test func tableShowsSessionsAndHolidays() async throws {
        let result = try await CommandRunner.run(["calendar", "--from", "2024-11-27", "--to", "2024-12-02"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)  // header, Wed 27, Thu 28 closed, Fri 29 early, Mon Dec 2
        #expect(lines[1].hasPrefix("2024-11-27  Wed  04:00 EST (09:00Z)"))
        #expect(lines[2].hasPrefix("2024-11-28  Thu  closed"))
        #expect(lines[2].hasSuffix("Thanksgiving Day"))
        #expect(lines[3].contains("13:00 EST (18:00Z)"))
        #expect(lines[3].contains("17:00 EST (22:00Z)"))
        #expect(lines[3].hasSuffix("early close"))
        #expect(lines[4].hasPrefix("2024-12-02  Mon"))
    }

    @Test func jsonIsParseableWithBothClocks() async throws {
        let result = try await CommandRunner.run(["calendar", "--from", "2024-03-08", "--to", "2024-03-11", "--format", "json"])
        #expect(result.status == 0)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["date"] as? String } == ["2024-03-08", "2024-03-11"])
        #expect(rows[0]["regular_open_utc"] as? String == "2024-03-08T14:30:00Z")
        #expect(rows[0]["regular_open_new_york"] as? String == "2024-03-08T09:30:00-05:00")
        #expect(rows[1]["regular_open_utc"] as? String == "2024-03-11T13:30:00Z")
        #expect(rows[1]["regular_close_new_york"] as? String == "2024-03-11T16:00:00-04:00")
        #expect(rows[1]["early_close"] as? Bool == false)
    }

    @Test(arguments: [
        (["calendar", "--from", "2024-13-01"], "2024-13-01"),
        (["calendar", "--from", "2024-02-01", "--to", "2024-01-01"], "swap"),
        (["calendar", "--from", "1999-06-01", "--to", "1999-06-30"], "1999-06-01"),
        (["calendar", "--format", "xml", "--from", "2024-01-01"], "xml"),
        (["no-such-command"], "no-such-command"),
    ])
    func badInputIsAOneLineErrorAndNonZeroExit(_ arguments: [String], _ named: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.contains(named), "\(result.stderr)")
    }
}

/// The report's inline style sheet: system fonts only (nothing is downloaded).
enum ReportStyle {
    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1d232b;background:#fff}
        h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:26px 0 8px;border-bottom:1px solid #d6dbe1}h3{font-size:15px;margin:0 0 4px}
        dl{display:grid;grid-template-columns:110px 1fr;gap:2px 10px;margin:0 0 8px}dt{color:#5b6673}dd{margin:0;overflow-wrap:anywhere}
        code{font:12px ui-monospace,Menlo,Consolas,monospace}nav a{color:#1f5fb8}.hint{color:#5b6673;font-size:12.5px;margin:4px 0 8px}
        .scroll{overflow:auto;max-height:420px;border:1px solid #e3e7ec}
        table{border-collapse:collapse;font-size:12px;white-space:nowrap}th,td{padding:2px 6px;border-bottom:1px solid #eef1f4;text-align:right}
        th{position:sticky;top:0;background:#f4f6f8;cursor:pointer;user-select:none}th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
        td.t,th.t{text-align:left}tbody tr{cursor:pointer}tbody tr:hover{background:#f2f7ff}
        svg text{font:10px system-ui,sans-serif;fill:#4a5562}.grid{stroke:#e8ebef;stroke-width:1}.axis{fill:#6b7683}
        .coverage .session{fill:#eef0f3}.coverage .covered{fill:#3aa262}.coverage .gap{fill:#d64545}.coverage .label{fill:#1d232b}
        .entry{content-visibility:auto;contain-intrinsic-size:auto 420px;border:1px solid #dfe3e8;border-radius:6px;padding:10px 12px;margin:12px 0;min-height:420px}
        .entry svg{display:block;max-width:100%;height:auto}.pre{fill:#f1ede4}.post{fill:#eae6f2}
        .up{fill:#2e9d5b;stroke:none}.down{fill:#d4503e;stroke:none}.wick{stroke:#5b6673;stroke-width:1;fill:none}
        .entry-line{stroke:#c0162c;stroke-width:1.5}.lane{fill:#4c7fd1;fill-opacity:.22;stroke:#4c7fd1;stroke-opacity:.5}
        .ov-ma{stroke:#7b3fbf;stroke-width:1.4}.ov-vwap{stroke:#d98a00;stroke-width:1.4}.ov-bb{stroke:#1b8a9c;stroke-width:1.2;stroke-dasharray:4 3}
        .ov-level{stroke:#5b6673;stroke-width:1;stroke-dasharray:2 3}.band{fill:#9bb7e0;fill-opacity:.55;stroke:none}
        .buy{fill:#1f63c6;fill-opacity:.75}.sell{fill:#e07a1a;fill-opacity:.75}.unk{fill:#8a939e;fill-opacity:.75}
        .delta{fill:none;stroke:#1d232b;stroke-width:1.2}.zero{stroke:#b7bec7;stroke-dasharray:3 3}
        ul.lines{margin:6px 0 0;padding-left:18px;font-size:12.5px}ul.lines li{margin:1px 0}.fail-text{color:#b3261e;font-weight:600}
        .key{display:inline-block;width:10px;height:10px;border-radius:2px;vertical-align:middle}.pass{background:#3aa262}.fail{background:#d64545}.inconclusive{background:#c8ced6}
        #audit-detail{background:#f6f8fa;border:1px solid #e3e7ec;padding:8px;white-space:pre-wrap;font-size:12px}
        canvas{display:block}.pager{margin:4px 0;font-size:12.5px}.pager button{font:inherit;padding:1px 8px}.empty{fill:#8a939e;font-size:12px}

        """
}

import Adapters
import TapeDeckCLI

// The `tapedeck` executable: the command set with TapeDeck's own adapters. A package of one's own
// adapters has the same two lines with `AdapterRegistry.builtIn.adding([...])` (docs/WRITING-ADAPTERS.md).
await TapeDeckCLI.main(registry: .builtIn)

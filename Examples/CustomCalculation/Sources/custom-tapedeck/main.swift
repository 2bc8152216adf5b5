import Adapters
import TapeDeckCLI
import TradeRange

// Step 4, registration: every `tapedeck` command, with TapeDeck's adapters plus this package's.
// `adding` refuses a name that is taken (say, a second "M1EMA") with one line naming it.
await TapeDeckCLI.main(adding: [TradeRangeAdapter()])

import MarketSimulator
import Testing

import PolygonWire
import Testing

// PolygonWire: Polygon JSON codecs. See PolygonWire.md

"""The second-generation ID card (二代身份证) reader: GA/T 467 frames over a serial line.

`protocol` (frames, checksum, SW3 in words), `basic_info` (the 30 01 answer, checks),
`nations` (GB 3304), `reader` (pyserial), `card` (the result as a `CardRead`, JSON).
"""

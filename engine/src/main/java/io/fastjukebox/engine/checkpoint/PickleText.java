package io.fastjukebox.engine.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Decoders for the number and string encodings of pickle opcodes (the text ones of protocol 0 too). */
final class PickleText {
    private PickleText() {}

    /** Python int from two's-complement little-endian bytes (LONG1, LONG4): Long if it fits. */
    static Object longFromLe(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    static Object normalize(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    /** Python {@code int(text)} for INT / LONG / PUT / GET lines: optional sign, decimal digits. */
    static Object parseInt(byte[] line, PickleInput in) throws IOException {
        String s = ascii(line).strip();
        if (s.endsWith("L")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.matches("[+-]?[0-9]+")) {
            throw in.corrupt("bad integer literal " + PickleValues.quote(s));
        }
        return normalize(new BigInteger(s));
    }

    /** Python {@code float(text)} for FLOAT lines, including {@code inf} and {@code nan}. */
    static double parseFloat(byte[] line, PickleInput in) throws IOException {
        String s = ascii(line).strip().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
                if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                    throw in.corrupt("bad float literal " + PickleValues.quote(s));
                }
                return Double.parseDouble(s);
            }
        }
    }

    /** The STRING opcode's argument: a quoted Python 2 string literal with backslash escapes. */
    static byte[] quotedString(byte[] line, PickleInput in) throws IOException {
        int n = line.length;
        if (n < 2 || line[0] != line[n - 1] || (line[0] != '\'' && line[0] != '"')) {
            throw in.corrupt("STRING argument is not a quoted string");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 1; i < n - 1; i++) {
            int c = line[i] & 0xff;
            if (c != '\\' || i + 1 >= n - 1) {
                out.write(c);
                continue;
            }
            int e = line[++i] & 0xff;
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(e);
                case '\n' -> { } // line continuation
                case 'x' -> {
                    if (i + 2 >= n - 1 || hex(line[i + 1]) < 0 || hex(line[i + 2]) < 0) {
                        throw in.corrupt("bad \\x escape in STRING");
                    }
                    out.write(hex(line[i + 1]) * 16 + hex(line[i + 2]));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i + 1 < n - 1 && line[i + 1] >= '0' && line[i + 1] <= '7'; k++) {
                            v = v * 8 + (line[++i] - '0');
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** The UNICODE opcode's argument: Python's raw-unicode-escape ({@code \}{@code uXXXX}, {@code \}{@code UXXXXXXXX}). */
    static String rawUnicodeEscape(byte[] line, PickleInput in) throws IOException {
        StringBuilder sb = new StringBuilder(line.length);
        for (int i = 0; i < line.length; i++) {
            int c = line[i] & 0xff;
            if (c == '\\' && i + 1 < line.length && (line[i + 1] == 'u' || line[i + 1] == 'U')) {
                int digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 1 + digits >= line.length) {
                    throw in.corrupt("truncated \\u escape in UNICODE");
                }
                long cp = 0;
                for (int k = 0; k < digits; k++) {
                    int h = hex(line[i + 2 + k]);
                    if (h < 0) {
                        throw in.corrupt("bad \\u escape in UNICODE");
                    }
                    cp = cp * 16 + h;
                }
                if (cp > Character.MAX_CODE_POINT) {
                    throw in.corrupt("code point out of range in UNICODE");
                }
                sb.appendCodePoint((int) cp);
                i += 1 + digits;
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}

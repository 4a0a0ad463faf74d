package io.fastjukebox.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateFormTest {
    private static final String[] TEMPERATURE = {"0.98", "0.99", "0.99"};
    private static final String[] HOP = {"0.125", "0.5", "0.5"};

    @TempDir
    Path dir;

    private final GenerateForm form = new GenerateForm();

    private GenerateForm.Valid check(String seconds, String candidates, String seed, String[] temperature, String topK,
            String topP, String[] hop, String prime, String primeSeconds, double primeLength) {
        return form.check(new GenerateForm.Input(seconds, candidates, seed, temperature, topK, topP, hop, prime, primeSeconds,
                primeLength));
    }

    @Test
    void aValidFormGivesTheSettingsWithTheSeed() {
        GenerateForm.Valid v = check(" 12.5 ", "4", "42", new String[] {"0.9", "0.95", "1"}, "0", "0.9", HOP, "", "8", 0);

        assertNotNull(v, () -> form.errors().toString());
        assertEquals(12.5, v.seconds());
        assertEquals(4, v.candidates());
        assertEquals(42, v.settings().seed());
        assertEquals(0.9, v.settings().temperature().top());
        assertEquals(1.0, v.settings().temperature().bottom());
        assertEquals(0.9, v.settings().topP());
        assertNull(v.prime());
    }

    @Test
    void everyBadFieldIsNamedNextToItself() {
        GenerateForm.Valid v = check("abc", "0", "-3", new String[] {"0.98", "0", "x"}, "5", "0.5",
                new String[] {"0.125", "1.5", "0.5"}, "", "8", 0);

        assertNull(v);
        Map<FormField, String> e = form.errors();
        assertEquals("Enter a number for the duration ('abc' is not one)", e.get(FormField.DURATION));
        assertEquals("Candidates must be between 1 and 64", e.get(FormField.CANDIDATES));
        assertEquals("The seed must not be negative", e.get(FormField.SEED));
        assertEquals("The middle temperature must be more than 0 and at most 100", e.get(FormField.TEMPERATURE));
        assertEquals("The middle hop fraction must be more than 0 and at most 1", e.get(FormField.HOP));
        assertEquals("Use top-k or top-p, not both: set the other to 0", e.get(FormField.SAMPLING));
    }

    @Test
    void durationMustBePositiveAndBounded() {
        assertNull(check("0", "1", "1", TEMPERATURE, "0", "0", HOP, "", "8", 0));
        assertEquals("Duration must be more than 0 and at most 3600 s", form.errors().get(FormField.DURATION));
        assertNull(check("7200", "1", "1", TEMPERATURE, "0", "0", HOP, "", "8", 0));
        assertEquals("Duration must be more than 0 and at most 3600 s", form.errors().get(FormField.DURATION));
    }

    @Test
    void aPromptMustExistAndBeShorterThanTheClipAndTheFile() throws Exception {
        assertNull(check("20", "1", "1", TEMPERATURE, "0", "0", HOP, dir.resolve("gone.wav").toString(), "8", 0));
        assertEquals("No such audio file: " + dir.resolve("gone.wav"), form.errors().get(FormField.PRIME));

        Path wav = Files.writeString(dir.resolve("prompt.wav"), "x");
        assertNull(check("20", "1", "1", TEMPERATURE, "0", "0", HOP, wav.toString(), "20", 0));
        assertEquals("The prompt must be shorter than the clip (20 s)", form.errors().get(FormField.PRIME_SECONDS));
        assertNull(check("20", "1", "1", TEMPERATURE, "0", "0", HOP, wav.toString(), "6", 5.5));
        assertEquals("The audio file is only 5.50 s long", form.errors().get(FormField.PRIME_SECONDS));

        GenerateForm.Valid v = check("20", "1", "1", TEMPERATURE, "0", "0", HOP, wav.toString(), "5", 5.5);
        assertNotNull(v);
        assertEquals(wav, v.prime());
        assertEquals(5.0, v.primeSeconds());
    }
}

package io.fastjukebox.engine.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastjukebox.engine.prior.ConditionerConfig;
import io.fastjukebox.engine.prior.Prior;
import io.fastjukebox.engine.prior.PriorConfig;
import io.fastjukebox.engine.prior.PriorLayout;
import io.fastjukebox.engine.prior.attention.AttentionOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentFactoryTest {
    static final PriorConfig UPSAMPLER = new PriorConfig(0, 16, 16, 6, 2, AttentionOrder.ROW_COLUMN_PREVIOUS_ROW, 4, 0.5, 1.0,
            1.0, 12, false, new ConditionerConfig(12, 8, 1, 3, null, false, 1, 2));

    @Test
    void aStudentKeepsTheFamilyAndChangesOnlyDepthAndWidth() {
        PriorConfig s = StudentFactory.config(UPSAMPLER, 3, 8);
        assertEquals(3, s.depth());
        assertEquals(8, s.width());
        assertEquals(new PriorConfig(0, 16, 8, 3, 2, UPSAMPLER.attnOrder(), 4, 0.5, 1.0, 1.0, 12, false,
                UPSAMPLER.conditioner()), s);
        assertEquals(16, StudentFactory.config(UPSAMPLER, 6, null).width());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudentFactory.config(UPSAMPLER, 4, null))
                .getMessage().contains("4 student layers break the attention-pattern cycle of 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudentFactory.config(UPSAMPLER, 3, 6))
                .getMessage().contains("student width 6 gives an attention width m_attn*width = 3 that is not divisible by "
                        + "the teacher's 2 heads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StudentFactory.config(UPSAMPLER, 3, 32))
                .getMessage().contains("student width 32 must be between 1 and the teacher's 16"));
    }

    @Test
    void atTheTeachersWidthEmbeddingsAndConditionerAreCopiedAndLayersAreNot() {
        try (Prior teacher = Prior.initialise(UPSAMPLER, 1);
                Prior student = StudentFactory.fromTeacher(teacher, StudentFactory.config(UPSAMPLER, 3, null), 2).student()) {
            for (String name : List.of(PriorLayout.X_EMB, PriorLayout.POS_EMB, PriorLayout.START_TOKEN,
                    PriorLayout.COND + "x_emb.weight", PriorLayout.COND + "cond.model.1.1.weight",
                    PriorLayout.COND + "ln.weight")) {
                assertArrayEquals(teacher.parameters().values(name), student.parameters().values(name), name);
            }
            String w = PriorLayout.layer(0) + "attn.c_attn.w";
            assertFalse(java.util.Arrays.equals(teacher.parameters().values(w), student.parameters().values(w)));
        }
    }

    @Test
    void aNarrowerStudentTakesOnlyTheConditionersInnerConvolutions() {
        try (Prior teacher = Prior.initialise(UPSAMPLER, 1)) {
            StudentFactory.Initialised init = StudentFactory.fromTeacher(teacher, StudentFactory.config(UPSAMPLER, 3, 8), 2);
            try (Prior student = init.student()) {
                // the conditioner's inner width is 8 whatever the prior's width: its residual block survives
                assertEquals(List.of(PriorLayout.COND + "cond.model.0.bias",
                        PriorLayout.COND + "cond.model.1.0.blocks.0.model.1.weight",
                        PriorLayout.COND + "cond.model.1.0.blocks.0.model.1.bias",
                        PriorLayout.COND + "cond.model.1.0.blocks.0.model.3.weight",
                        PriorLayout.COND + "cond.model.1.0.blocks.0.model.3.bias"), init.copiedFromTeacher());
                assertEquals(8, student.config().width());
            }
        }
    }
}

/**
 * A scoring context whose mentor slots are a chosen list of mentors, in a chosen order — the same
 * people, policy and mentee data, only the mentor records and strength columns rearranged. The
 * scoring loop reads mentors as a contiguous range of slots, so with a view "score mentee i
 * against the mentors at positions 40..90 of my list" is one `scoreMentorRangeInto` call.
 *
 * Built in O(view size × (record width + skills)); the original context is not touched.
 */
import { FLOAT_RECORD_WIDTH, RECORD, type ScoringContext } from './context.js';

/**
 * `slots[t]` is the original mentor slot at view position t, or -1 for a position that must score
 * as blocked (its record gets capacity 0, which every hard-rule check treats as "no room").
 */
export function mentorView(ctx: ScoringContext, slots: Int32Array): ScoringContext {
  const count = slots.length;
  const width = ctx.recordWidth;
  const records = new Int32Array(count * width);
  const floats = new Float64Array(count * FLOAT_RECORD_WIDTH);
  const mentors = new Int32Array(count).fill(-1);
  const mentorSlot = new Int32Array(ctx.personCount).fill(-1);
  const stride = count + 1; // the last column stays scratch, as in the original
  const strength = new Float32Array(ctx.skillCount * stride);
  const { mentorRecords, mentorFloats, strength: from, strengthStride: fromStride } = ctx;
  for (let t = 0; t < count; t++) {
    const slot = slots[t]!;
    if (slot < 0) {
      // Fields the loop may index with stay in range even though the position never scores.
      records[t * width + RECORD.person] = -1;
      records[t * width + RECORD.capacity] = 0;
      records[t * width + RECORD.level] = 1;
      records[t * width + RECORD.primaryLanguageBit] = -1;
      continue;
    }
    if (slot >= ctx.mentors.length) throw new RangeError(`mentor slot ${slot} is outside 0..${ctx.mentors.length - 1}.`);
    records.set(mentorRecords.subarray(slot * width, (slot + 1) * width), t * width);
    floats.set(mentorFloats.subarray(slot * FLOAT_RECORD_WIDTH, (slot + 1) * FLOAT_RECORD_WIDTH), t * FLOAT_RECORD_WIDTH);
    const person = ctx.mentors[slot]!;
    mentors[t] = person;
    if (mentorSlot[person] === -1) mentorSlot[person] = t;
  }
  for (let skill = 0; skill < ctx.skillCount; skill++) {
    const src = skill * fromStride;
    const dst = skill * stride;
    for (let t = 0; t < count; t++) {
      const slot = slots[t]!;
      if (slot >= 0) strength[dst + t] = from[src + slot]!;
    }
  }
  return { ...ctx, mentors, mentorSlot, mentorRecords: records, mentorFloats: floats, strength, strengthStride: stride };
}

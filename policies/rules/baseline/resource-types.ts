// Type tokens that more than one baseline policy judges (tokens one policy alone judges live in
// its own file; tokens shared with other areas in policies/lib).

export const TRAIL = "aws:cloudtrail/trail:Trail";
export const PLAN = "aws:backup/plan:Plan";

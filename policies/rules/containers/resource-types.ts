// Type tokens only the containers policies judge, declared once. A token another area or policies/lib
// also names lives in policies/lib/resource-types.ts (the rule: policies/lib/README.md).

export const CLOUDWATCH_EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
export const ECS_TASK_SET = "aws:ecs/taskSet:TaskSet";
export const PIPES_PIPE = "aws:pipes/pipe:Pipe";
export const SCHEDULER_SCHEDULE = "aws:scheduler/schedule:Schedule";

import { ActionStatus } from './enums';

interface ActionState {
  dueDate: string | null;
  status: ActionStatus | string;
}

/** Overdue: due before today and neither done nor dropped. */
export function isOverdue(action: ActionState, today: string): boolean {
  return (
    action.dueDate !== null &&
    action.dueDate < today &&
    action.status !== ActionStatus.DONE &&
    action.status !== ActionStatus.DROPPED
  );
}

export interface ActionTally {
  total: number;
  done: number;
  overdue: number;
  /** Neither done, dropped nor overdue. */
  open: number;
}

/** A priority's actions counted as a scorecard shows them, on a given day. */
export function tallyActions(actions: readonly ActionState[], today: string): ActionTally {
  let done = 0;
  let dropped = 0;
  let overdue = 0;
  for (const a of actions) {
    if (a.status === ActionStatus.DONE) done += 1;
    else if (a.status === ActionStatus.DROPPED) dropped += 1;
    else if (isOverdue(a, today)) overdue += 1;
  }
  return { total: actions.length, done, overdue, open: actions.length - done - dropped - overdue };
}

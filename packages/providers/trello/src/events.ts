/** The member who performed an action, as Trello embeds it. */
export interface TrelloMember {
  id: string;
  username?: string;
  fullName?: string;
  initials?: string;
  avatarHash?: string | null;
  [key: string]: unknown;
}

/** A Trello action: what happened (`type`), to what (`data`), by whom (`memberCreator`). */
export interface TrelloAction<TData = Record<string, unknown>> {
  id: string;
  idMemberCreator: string;
  type: string;
  /** ISO 8601. */
  date: string;
  data: TData;
  memberCreator?: TrelloMember;
  display?: { translationKey?: string; entities?: Record<string, unknown> };
  [key: string]: unknown;
}

/** The model the webhook watches (a board, card, list or member), in its state after the action. */
export interface TrelloModel {
  id: string;
  name?: string;
  [key: string]: unknown;
}

/** The body of every Trello webhook request. */
export interface TrelloWebhookPayload<TData = Record<string, unknown>> {
  action: TrelloAction<TData>;
  model: TrelloModel;
  webhook?: { id: string; description?: string; idModel: string; callbackURL?: string; active?: boolean };
}

interface CardRef {
  id: string;
  name?: string;
  idShort?: number;
  shortLink?: string;
  [key: string]: unknown;
}
interface Ref {
  id: string;
  name?: string;
  [key: string]: unknown;
}

/** Payload types of common actions, keyed by `action.type`; any other type arrives typed loosely. */
export type TrelloEvents = {
  createCard: TrelloWebhookPayload<{ card: CardRef; list?: Ref; board: Ref }>;
  updateCard: TrelloWebhookPayload<{
    card: CardRef;
    old: Record<string, unknown>;
    list?: Ref;
    listBefore?: Ref;
    listAfter?: Ref;
    board: Ref;
  }>;
  deleteCard: TrelloWebhookPayload<{ card: { id: string; idShort?: number }; list?: Ref; board: Ref }>;
  commentCard: TrelloWebhookPayload<{ text: string; card: CardRef; list?: Ref; board: Ref }>;
  addMemberToCard: TrelloWebhookPayload<{ idMember: string; card: CardRef; board: Ref }>;
  removeMemberFromCard: TrelloWebhookPayload<{ idMember: string; card: CardRef; board: Ref }>;
  addLabelToCard: TrelloWebhookPayload<{ label: Ref & { color?: string }; card: CardRef; board: Ref }>;
  removeLabelFromCard: TrelloWebhookPayload<{ label: Ref & { color?: string }; card: CardRef; board: Ref }>;
  createList: TrelloWebhookPayload<{ list: Ref; board: Ref }>;
  updateList: TrelloWebhookPayload<{ list: Ref; old: Record<string, unknown>; board: Ref }>;
  updateBoard: TrelloWebhookPayload<{ board: Ref; old: Record<string, unknown> }>;
  addMemberToBoard: TrelloWebhookPayload<{ idMemberAdded: string; board: Ref }>;
  updateCheckItemStateOnCard: TrelloWebhookPayload<{
    checkItem: Ref & { state: 'complete' | 'incomplete' };
    checklist: Ref;
    card: CardRef;
    board: Ref;
  }>;
};

export type TrelloEventName = keyof TrelloEvents;

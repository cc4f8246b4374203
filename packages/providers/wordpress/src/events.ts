/**
 * The decoded form fields of a WordPress webhook. `hook` is the action that fired (the Hookwire
 * event name); the other fields are those chosen for the webhook (`ID`, `post_title`, `post_url`,
 * `comment_author`, …). A field sent more than once keeps its last value here; all values are in
 * `event.meta.form`.
 */
export interface WordPressHookFields {
  hook: string;
  [field: string]: string;
}

export type WordPressEvents = {
  publish_post: WordPressHookFields;
  publish_page: WordPressHookFields;
  comment_post: WordPressHookFields;
  user_register: WordPressHookFields;
  activate_plugin: WordPressHookFields;
  deactivate_plugin: WordPressHookFields;
  switch_theme: WordPressHookFields;
  transition_post_status: WordPressHookFields;
  trashed_post: WordPressHookFields;
};

// The audience of a `tag` push (/v3/push/app), parsed into a TagExpression:
// XG's `tag_list {tags, op}` and TPNS's `tag_rules` (AND/OR/NOT groups). When
// both are present TPNS ignores tag_list, and so does this. Problems answer
// 10102 (nothing to target) or 10103.
//
// tag_rules semantics (TPNS): a rule's tag_items fold left, item i joining the
// result so far with its `items_operator` (the first item's is ignored); an
// item is its `tags` joined by `tags_operator`, negated when `is_not`; rules
// fold the same way with `operator`, each negated when its `is_not`.
import { tagProblem } from '../stores/audience-types.js';
import { tagsIn, type TagExpression } from '../stores/tag-expression.js';
import { illegal, isObject, missing } from './message.js';

/** XG: the whole tag_list is at most 512 characters. */
export const MAX_TAG_LIST_CHARS = 512;
/** Distinct tags one expression may read; each is one tag's token set. */
export const MAX_EXPRESSION_TAGS = 100;
/** Homing has only the app's own tags; TPNS's computed ones (xg_auto_*) do not exist here. */
const USER_TAG_TYPE = 'xg_user_define';

export function parseTagAudience(body: Record<string, unknown>): TagExpression {
  const rules = body.tag_rules;
  const expr = rules !== undefined && rules !== null && !(Array.isArray(rules) && rules.length === 0) ? parseRules(rules) : parseTagList(body.tag_list);
  const tags = tagsIn(expr).length;
  if (tags > MAX_EXPRESSION_TAGS) illegal(`a tag audience reads at most ${MAX_EXPRESSION_TAGS} distinct tags; got ${tags}`);
  return expr;
}

function parseTagList(value: unknown): TagExpression {
  if (value === undefined || value === null) missing('tag_list or tag_rules is required for audience_type tag');
  if (!isObject(value)) illegal('tag_list must be {"tags": [...], "op": "AND" | "OR"}');
  const tags = tagArray(value.tags, 'tag_list.tags');
  if (tags.join('').length > MAX_TAG_LIST_CHARS) illegal(`tag_list is longer than ${MAX_TAG_LIST_CHARS} characters`);
  return join(operator(value.op, 'tag_list.op'), tags.map(leaf));
}

function parseRules(value: unknown): TagExpression {
  if (!Array.isArray(value)) illegal('tag_rules must be an array');
  const rules = value.map((rule, r) => {
    const where = `tag_rules[${r}]`;
    if (!isObject(rule)) illegal(`${where} must be an object`);
    const items = rule.tag_items;
    if (!Array.isArray(items) || items.length === 0) missing(`${where}.tag_items is required`);
    const parsed = items.map((item, i) => {
      const at = `${where}.tag_items[${i}]`;
      if (!isObject(item)) illegal(`${at} must be an object`);
      const type = item.tag_type ?? USER_TAG_TYPE;
      if (type !== USER_TAG_TYPE) illegal(`${at}.tag_type ${JSON.stringify(type)} is not supported; Homing has only ${USER_TAG_TYPE} tags`);
      const expr = join(operator(item.tags_operator, `${at}.tags_operator`), tagArray(item.tags, `${at}.tags`).map(leaf));
      return { expr: negate(expr, flag(item.is_not, `${at}.is_not`)), op: i === 0 ? 'or' : operator(item.items_operator, `${at}.items_operator`) };
    });
    return { expr: negate(foldLeft(parsed), flag(rule.is_not, `${where}.is_not`)), op: r === 0 ? 'or' : operator(rule.operator, `${where}.operator`) };
  });
  if (rules.length === 0) missing('tag_rules is empty');
  return foldLeft(rules);
}

function foldLeft(parts: Array<{ expr: TagExpression; op: 'and' | 'or' }>): TagExpression {
  return parts.slice(1).reduce<TagExpression>((acc, part) => join(part.op, [acc, part.expr]), parts[0]!.expr);
}

function join(kind: 'and' | 'or', operands: TagExpression[]): TagExpression {
  return operands.length === 1 ? operands[0]! : { kind, operands };
}

function negate(expr: TagExpression, not: boolean): TagExpression {
  return not ? { kind: 'not', operand: expr } : expr;
}

function leaf(tag: string): TagExpression {
  return { kind: 'tag', tag };
}

function tagArray(value: unknown, field: string): string[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) missing(`${field} is required`);
  if (!Array.isArray(value)) illegal(`${field} must be an array of tags`);
  return value.map((tag) => {
    const problem = tagProblem(tag);
    if (problem) illegal(`${field}: ${problem}`);
    return tag as string;
  });
}

function operator(value: unknown, field: string): 'and' | 'or' {
  if (typeof value === 'string' && /^(and|or)$/i.test(value)) return value.toLowerCase() as 'and' | 'or';
  illegal(`${field} must be "AND" or "OR"`);
}

/** TPNS documents is_not as a string ("true"/"false"); SDKs send booleans. Absent means false. */
function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  illegal(`${field} must be true or false`);
}

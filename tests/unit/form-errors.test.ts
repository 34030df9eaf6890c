/**
 * The API's error bodies in a form's words: malformed and hostile bodies become bounded,
 * printable messages; each problem lands at its field's label in plain words, and what no field
 * owns goes to the summary without the path prefix.
 */
import { describe, expect, it } from 'vitest';
import { apiErrorOf, ApiRequestError } from '@/lib/api-client';
import { formErrors, plainWords } from '@/lib/form-errors';

const body = (message: string, details?: unknown) => ({ error: { code: 'invalid', message, details } });

describe('apiErrorOf', () => {
  it.each([
    ['null', null],
    ['a string', 'Bad Gateway'],
    ['an array', [1, 2]],
    ['error as a string', { error: 'nope' }],
    ['a message that is not a string', { error: { code: 7, message: { toString: 'x' } } }],
    ['an empty message', { error: { message: '   ' } }],
  ])('reads %s as a message naming the status', (_name, json) => {
    const err = apiErrorOf(502, json);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err.message).toBe('request failed (HTTP 502)');
    expect(err.code).toBe('http_error');
    expect(err.details).toEqual([]);
  });

  it('keeps only details with a string path and message, at most 20', () => {
    const details = [
      { path: 'name', message: 'must not be empty' },
      { path: 3, message: 'not a path' },
      { path: 'x' },
      null,
      'text',
      ...Array.from({ length: 100 }, (_, i) => ({ path: `f${i}`, message: 'bad' })),
    ];
    const err = apiErrorOf(422, body('invalid body: name: must not be empty', details));
    expect(err.message).toBe('name: must not be empty');
    expect(err.details[0]).toEqual({ path: 'name', message: 'must not be empty' });
    expect(err.details.length).toBeLessThanOrEqual(20);
    expect(err.details.every((d) => typeof d.path === 'string' && typeof d.message === 'string')).toBe(true);
  });

  it('ignores details that are neither a list nor a field', () => {
    expect(apiErrorOf(422, body('x', { nested: { deep: true } })).details).toEqual([]);
    expect(apiErrorOf(422, body('x', 'details')).details).toEqual([]);
  });

  it('bounds hostile long strings and removes control and bidi characters', () => {
    const long = 'A'.repeat(100_000);
    const err = apiErrorOf(
      422,
      body(`${long}\u202E\n\u0000`, [{ path: long, message: `evil\u202Etxt.exe\r\n${long}` }]),
    );
    expect(err.message.length).toBeLessThanOrEqual(500);
    expect(err.details[0]!.path.length).toBeLessThanOrEqual(200);
    expect(err.details[0]!.message.length).toBeLessThanOrEqual(500);
    expect(err.details[0]!.message).not.toMatch(/[\u202E\r\n\u0000]/);
    expect(err.message).not.toMatch(/[\u202E\n\u0000]/);
  });

  it('turns a { field } detail into a detail at that field', () => {
    const err = apiErrorOf(422, body('channels: every channel must exist in this project', { field: 'channels' }));
    expect(err.details).toEqual([{ path: 'channels', message: 'channels: every channel must exist in this project' }]);
  });
});

describe('formErrors', () => {
  const labels = {
    name: 'Channel name',
    url: 'Webhook URL',
    threshold: 'Threshold',
    windowSec: 'Window (minutes)',
    to: { label: 'Recipients', empty: 'Enter at least one recipient' },
  };

  it('says nothing when there is no error', () => {
    expect(formErrors(null, labels)).toEqual({ fields: {}, summary: [] });
    expect(formErrors(undefined, labels)).toEqual({ fields: {}, summary: [] });
  });

  it('asks for an empty required field by its label', () => {
    const err = apiErrorOf(
      422,
      body('invalid body: name: Too small: expected string to have >=1 characters', [
        { path: 'name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'url', message: 'url must not be empty' },
        { path: 'to', message: 'to must contain at least 1 item' },
      ]),
    );
    expect(formErrors(err, labels)).toEqual({
      fields: { name: 'Enter a channel name', url: 'Enter a webhook URL', to: 'Enter at least one recipient' },
      summary: [],
    });
    expect(formErrors(err, { name: 'Email' }).fields.name).toBe('Enter an email');
  });

  it('puts a nested path at its field and words zod defaults with the label', () => {
    const err = apiErrorOf(
      422,
      body('x', [
        { path: 'to.3', message: 'Invalid email address' },
        { path: 'threshold', message: 'Invalid input: expected number, received string' },
        { path: 'windowSec', message: 'Too small: expected number to be >=60' },
        { path: 'name', message: 'must not contain control characters' },
      ]),
    );
    expect(formErrors(err, labels).fields).toEqual({
      to: 'Enter a valid email address',
      threshold: 'Threshold must be a number',
      windowSec: 'Window must be at least 60',
      name: 'Channel name must not contain control characters',
    });
  });

  it('keeps the first problem of a field', () => {
    const err = apiErrorOf(
      422,
      body('x', [
        { path: 'name', message: 'must be at most 120 characters' },
        { path: 'name', message: 'must not contain control characters' },
      ]),
    );
    expect(formErrors(err, labels).fields.name).toBe('Channel name must be at most 120 characters');
  });

  it('sends unknown paths to the summary without their path prefix', () => {
    const err = apiErrorOf(
      422,
      body('x', [
        { path: 'filters.__proto__', message: 'is not an allowed tag name' },
        { path: '(root)', message: 'unknown field "evil" in rule; allowed: name' },
      ]),
    );
    expect(formErrors(err, labels)).toEqual({
      fields: {},
      summary: ['Is not an allowed tag name', 'Unknown field "evil" in rule; allowed: name'],
    });
  });

  it('places a message without details by its path prefix, or summarises it', () => {
    const atField = new ApiRequestError(422, 'invalid', 'url: link-local or cloud metadata addresses are refused');
    expect(formErrors(atField, labels)).toEqual({
      fields: { url: 'Link-local or cloud metadata addresses are refused' },
      summary: [],
    });
    const elsewhere = new ApiRequestError(409, 'conflict', 'a user with the email a@b.c already exists');
    expect(formErrors(elsewhere, labels)).toEqual({
      fields: {},
      summary: ['A user with the email a@b.c already exists'],
    });
  });

  it('words a lost session and an unreachable server', () => {
    expect(formErrors(new ApiRequestError(401, 'unauthorized', 'sign in first'), labels).summary).toEqual([
      'Your session has ended. Sign in again to continue.',
    ]);
    expect(formErrors(new TypeError('Failed to fetch'), labels).summary).toEqual([
      'Could not reach Observatory. Check the connection and try again.',
    ]);
  });

  it('does not take inherited names for fields', () => {
    const err = apiErrorOf(
      422,
      body('x', [
        { path: 'constructor', message: 'bad' },
        { path: 'toString', message: 'bad' },
      ]),
    );
    expect(formErrors(err, labels)).toEqual({ fields: {}, summary: ['Bad'] });
  });
});

describe('plainWords', () => {
  it('keeps a message that names its own subject, capitalised', () => {
    expect(plainWords('project name must be at most 100 characters', 'Name')).toBe(
      'Project name must be at most 100 characters',
    );
    expect(plainWords('name: slug may contain lowercase letters, digits and single dashes')).toBe(
      'Slug may contain lowercase letters, digits and single dashes',
    );
  });
});

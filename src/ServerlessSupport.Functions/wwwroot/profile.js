// "My notifications": the agent's own address and what they are emailed about (GET and PATCH /api/me), in a dialog
// opened from the header. Values reach the page through .value, .checked and textContent only.

import { api, ApiError } from './api.js';
import { $ } from './dom.js';

// API field → checkbox id.
const switches = {
  newTickets: 'notify-new-tickets',
  customerReplies: 'notify-customer-replies',
  assignments: 'notify-assignments',
};

/** Wires the dialog; notify and failed are the page's notice and error handling. */
export function setupProfile({ notify, failed }) {
  $('open-profile').addEventListener('click', () => openProfile(failed));
  $('profile-cancel').addEventListener('click', () => $('profile').close());
  $('profile-form').addEventListener('submit', (event) => saveProfile(event, notify, failed));
}

export function closeProfile() {
  $('profile').close();
}

function showError(message) {
  const error = $('profile-error');
  error.textContent = message;
  error.hidden = !message;
}

function fill(me) {
  $('profile-email').value = me.email ?? '';
  for (const [name, id] of Object.entries(switches)) $(id).checked = Boolean(me.notify?.[name]);
}

async function openProfile(failed) {
  showError('');
  try {
    // Read fresh: another tab or the CLI may have changed it since sign-in.
    fill(await api.me());
  } catch (error) {
    failed(error, 'Could not load your notifications');
    return;
  }
  $('profile').showModal();
  $('profile-email').focus();
}

async function saveProfile(event, notify, failed) {
  event.preventDefault();
  showError('');
  const changes = {
    email: $('profile-email').value.trim(),
    notify: Object.fromEntries(Object.entries(switches).map(([name, id]) => [name, $(id).checked])),
  };
  const save = $('profile-save');
  save.disabled = true;
  try {
    fill(await api.updateMe(changes));
    closeProfile();
    notify('Your address and notifications were saved.', 'success');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      closeProfile();
      failed(error, 'Saving your notifications');
    } else {
      showError(error.message);
    }
  } finally {
    save.disabled = false;
  }
}

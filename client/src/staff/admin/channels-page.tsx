/**
 * The channels area of the console: /staff/admin/channels (the list), .../new, .../:id (the
 * editor and its versions) and .../:id/people (routing and people).
 */
import { useCallback, useState } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import { ApiFailure } from '../../api/http';
import { Link, matchPath } from '../../router/router';
import { fetchStaff } from '../api/staff-endpoints';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import { useUnlocked } from '../staff-session';
import { AdminError } from './admin-error';
import { fetchAdminChannels } from './admin-endpoints';
import { AdminNav } from './admin-nav';
import './admin.css';
import { ChannelEditor } from './channel-editor';
import { ChannelList } from './channel-list';
import { ChannelPeople } from './channel-people';
import { ChannelVersions } from './channel-versions';

export function isChannelsPath(path: string): boolean {
  return path === STAFF_PATHS.channels || path.startsWith(`${STAFF_PATHS.channels}/`);
}

export function ChannelsPage({ path }: { path: string }) {
  const { t, tr, local } = useStaffI18n();
  const { client } = useUnlocked();
  // A version conflict's reload starts the editor again from the newest version.
  const [generation, setGeneration] = useState(0);
  const list = useQuery(useCallback((signal: AbortSignal) => fetchAdminChannels(client, signal), [client]));
  const people = useQuery(useCallback((signal: AbortSignal) => fetchStaff(client, signal), [client]));
  const channels = list.data?.channels ?? [];
  const staff = people.data?.staff ?? [];
  const departments = [...new Set(staff.map((s) => s.department).filter((d): d is string => !!d))].sort();
  const isNew = path === STAFF_PATHS.newChannel;
  const opened = matchPath('/staff/admin/channels/:id/people', path) ?? matchPath('/staff/admin/channels/:id', path);
  const peopleView = path.endsWith('/people');
  const channel: AdminChannel | undefined = opened?.id && !isNew ? channels.find((c) => c.id === opened.id) : undefined;
  const reload = () => {
    setGeneration((n) => n + 1);
    list.reload();
    people.reload();
  };

  let body;
  if (isNew) {
    body = (
      <>
        <h2>{t('adm.ch.newTitle')}</h2>
        <ChannelEditor client={client} channel={null} departments={departments} onPublished={() => list.reload()} onReload={reload} />
      </>
    );
  } else if (opened?.id) {
    if (!list.data) body = <p role="status">{tr('common.loading')}</p>;
    else if (!channel) body = <AdminError error={new ApiFailure('channel_not_found', 404, 'No such channel.')} />;
    else
      body = (
        <>
          <h2 data-testid="channel-title">{local(channel.definition.name)}</h2>
          <nav className="tabs" aria-label={t('adm.ch.sections')}>
            <Link to={STAFF_PATHS.channel(channel.id)} className="language-option tab" aria-current={!peopleView ? 'page' : undefined} data-testid="channel-tab-questionnaire">
              {t('adm.ch.tabQuestionnaire')}
            </Link>
            <Link to={STAFF_PATHS.channelPeople(channel.id)} className="language-option tab" aria-current={peopleView ? 'page' : undefined} data-testid="channel-tab-people">
              {t('adm.ch.tabPeople')}
            </Link>
          </nav>
          {peopleView ? (
            <ChannelPeople client={client} channel={channel} staff={staff} onChanged={reload} />
          ) : (
            <>
              <ChannelEditor key={`${channel.id}-${generation}`} client={client} channel={channel} departments={departments} onPublished={() => list.reload()} onReload={reload} />
              <ChannelVersions client={client} channel={channel} />
            </>
          )}
        </>
      );
  } else {
    body = <ChannelList client={client} channels={channels} onChanged={() => list.reload()} />;
  }

  return (
    <section className="page staff-admin admin-channels" data-testid="admin-channels-page">
      <AdminNav />
      <h1>{t('adm.channels.title')}</h1>
      {list.error !== null && <AdminError error={list.error} />}
      {people.error !== null && <AdminError error={people.error} />}
      {body}
    </section>
  );
}

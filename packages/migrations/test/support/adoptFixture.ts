import { migrationFolder } from './migrationFolder.ts';

/**
 * A small migrations folder with each kind of object adoption compares: a uuid key with a volatile
 * default, typmods, a check, an expression unique index, an identity column, a foreign key, a generated
 * column, a partial index, a function, a trigger, row-level security and a policy.
 */
export const ADOPT_FIXTURE = {
  '0000_init': `create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text,
  status varchar(20) not null default 'active',
  created_at timestamptz not null default now(),
  constraint users_status_check check (status in ('active', 'disabled'))
);
--> statement-breakpoint
create unique index users_email_lower_key on users (lower(email));
--> statement-breakpoint
create table projects (
  id integer generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  title text not null,
  score numeric(5,2) default 0,
  deleted_at timestamptz,
  search tsvector generated always as (to_tsvector('english', coalesce(title, ''))) stored
);
--> statement-breakpoint
create index projects_live_idx on projects (user_id) where deleted_at is null;`,
  '0001_touch_and_rls': `create function touch_created_at() returns trigger language plpgsql as $$
begin
  new.created_at := now();
  return new;
end $$;
--> statement-breakpoint
create trigger users_touch before insert on users for each row execute function touch_created_at();
--> statement-breakpoint
alter table projects enable row level security;
--> statement-breakpoint
create policy projects_owner on projects using (user_id = nullif(current_setting('app.user_id', true), '')::uuid);`,
};

/** The fixture in a temporary folder. */
export function adoptFixtureFolder() {
  return migrationFolder(ADOPT_FIXTURE);
}

/** The fixture's SQL as one script, as another tool (or psql) would have run it. */
export const ADOPT_FIXTURE_SQL = Object.values(ADOPT_FIXTURE).join('\n');

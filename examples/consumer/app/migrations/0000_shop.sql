CREATE TABLE shop_teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug varchar(40) NOT NULL CONSTRAINT shop_teams_slug_key UNIQUE,
  name varchar(100) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE shop_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES shop_teams(id) ON DELETE CASCADE,
  title varchar(100) NOT NULL,
  priority integer NOT NULL DEFAULT 0,
  notes text,
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
--> statement-breakpoint
CREATE UNIQUE INDEX shop_tasks_team_title_live_key ON shop_tasks (team_id, title) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TABLE shop_labels (
  id serial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES shop_tasks(id) ON DELETE CASCADE,
  name text NOT NULL
);

// The seed teams' example operations, one folder per team.
export {};

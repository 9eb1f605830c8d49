/** The config file a run picks up from the working directory. */
export const CONFIG_FILE_NAME = 'caseload.config.json';

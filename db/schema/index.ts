export * from './identity';
export * from './roadmaps';
export * from './projection';
export * from './history';

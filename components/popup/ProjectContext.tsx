import type { ProjectSummary } from '../../utils/background/summary';
import { cardUrl, repoUrl } from '../../utils/process/links';

/** Where the project stands in the process: its pipeline card and its repositories. */
export function ProjectContext({ project }: { project: ProjectSummary }) {
  const { pipelineCard, repos = [] } = project;
  if (!pipelineCard && repos.length === 0) return null;
  return (
    <span className="context" data-project-context={project.board}>
      {pipelineCard && (
        <>
          (pipeline card{' '}
          <a href={cardUrl(pipelineCard.shortLink)} target="_blank" rel="noopener noreferrer">
            {pipelineCard.name}
          </a>
          {repos.length ? '; ' : ')'}
        </>
      )}
      {repos.map((repo, i) => (
        <span key={repo}>
          {!pipelineCard && i === 0 ? '(' : i > 0 ? ', ' : ''}
          <a href={repoUrl(repo)} target="_blank" rel="noopener noreferrer">
            {repo}
          </a>
          {i === repos.length - 1 ? ')' : ''}
        </span>
      ))}{' '}
    </span>
  );
}
